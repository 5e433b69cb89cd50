package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.Domain;
import org.jvirt.Network;
import org.jvirt.NodeDevice;
import org.jvirt.Secret;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventDetails;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NetworkEventId;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.NodeDeviceEventId;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.SecretEventId;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.event.StoragePoolEventId;

/**
 * virsh's "Domain Events" group (help keyword 'events'): the table first, then the handlers of {@code event}
 * and of the other groups' {@code *-event} commands, which wait for events the same way (see
 * {@link EventWait}) and print virsh's lines (virsh-domain-event.c, virsh-network.c, virsh-pool.c, ...).
 */
final class EventCommands {

    private EventCommands() {
    }

    static Group group() {
        return new Group("Domain Events", "events", List.of(
                cmd("event", "Domain Events",
                        "List event types, or wait for domain events to occur",
                        EventCommands::domainEvent,
                        Opt.string("domain", "filter by domain name, id or uuid").complete(Completer.DOMAIN),
                        Opt.string("event", "which event type to wait for").complete(Completer.DOMAIN_EVENT),
                        Opt.bool("all", "wait for all events instead of just one type"),
                        Opt.bool("loop", "loop until timeout or interrupt, rather than one-shot"),
                        Opt.integer("timeout", "timeout seconds"),
                        Opt.bool("list", "list valid event types"),
                        Opt.bool("timestamp", "show timestamp for each printed event"))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    /** virsh's names of domain event kinds, indexed by libvirt's event id. */
    static final String[] DOMAIN_EVENTS = {
        "lifecycle", "reboot", "rtc-change", "watchdog", "io-error", "graphics", "io-error-reason",
        "control-error", "block-job", "disk-change", "tray-change", "pm-wakeup", "pm-suspend", "balloon-change",
        "pm-suspend-disk", "device-removed", "block-job-2", "tunable", "agent-lifecycle", "device-added",
        "migration-iteration", "job-completed", "device-removal-failed", "metadata-change", "block-threshold",
        "memory-failure", "memory-device-size-change"
    };

    static final String[] NETWORK_EVENTS = {"lifecycle"};
    static final String[] POOL_EVENTS = {"lifecycle", "refresh"};
    static final String[] NODEDEV_EVENTS = {"lifecycle", "update"};
    static final String[] SECRET_EVENTS = {"lifecycle", "value-changed"};

    static List<String> domainEventNames() {
        return List.of(DOMAIN_EVENTS);
    }

    static boolean domainEvent(Shell sh, Invocation cmd) {
        boolean all = cmd.bool("all");
        MonitorCommands.exclusive(sh, cmd, "all", "event");
        MonitorCommands.exclusive(sh, cmd, "list", "all");
        MonitorCommands.exclusive(sh, cmd, "list", "event");
        if (cmd.bool("list")) {
            for (String n : DOMAIN_EVENTS) {
                sh.print("%s\n", n);
            }
            return true;
        }
        String name = cmd.string("event");
        if (name == null && !all) {
            throw sh.fail("one of --list, --all, or --event <type> is required");
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < DOMAIN_EVENTS.length; i++) {
            if (name == null || name.equals(DOMAIN_EVENTS[i])) {
                ids.add(i);
            }
        }
        if (ids.isEmpty()) {
            throw sh.fail("unknown event type %s", name);
        }
        int timeout = EventWait.timeoutMs(sh, cmd);
        Domain dom = cmd.has("domain") ? Lookup.domainByName(sh, cmd.req("domain")) : null;
        EventWait wait = new EventWait(sh, cmd);
        List<EventRegistration> regs = new ArrayList<>();
        try {
            for (int i = 0; i < ids.size(); i++) {
                int id = ids.get(i);
                String cbName = DOMAIN_EVENTS[id];
                try {
                    regs.add(sh.conn().domainEventRegister(DomainEventId.fromCode(id, DomainEventId.LIFECYCLE), dom,
                            (d, e) -> {
                                String text = describe(cbName, d.getName(), e);
                                if (text != null) {
                                    wait.print(text);
                                }
                            }));
                } catch (VirtException e) {
                    // as virsh: when registering for all events, only the first registration must succeed
                    if (i == 0) {
                        throw e;
                    }
                }
            }
            return wait.finish(timeout);
        } finally {
            regs.forEach(EventRegistration::close);
        }
    }

    private static final String[] WATCHDOG = {"none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi"};
    private static final String[] IO_ERROR = {"none", "pause", "report"};
    private static final String[] BLOCK_JOB_STATUS = {"completed", "failed", "canceled", "ready"};
    private static final String[] BLOCK_JOB_TYPE = {
        "Unknown job", "Block Pull", "Block Copy", "Block Commit", "Active Block Commit", "Backup"
    };
    private static final String[] DISK_CHANGE = {"changed", "dropped"};
    private static final String[] TRAY_CHANGE = {"opened", "closed"};
    private static final String[] AGENT_STATE = {"unknown", "connected", "disconnected"};
    private static final String[] AGENT_REASON = {"unknown", "domain started", "channel event"};
    private static final String[] METADATA = {"description", "title", "element"};
    private static final String[] GRAPHICS_PHASE = {"connect", "initialize", "disconnect"};
    private static final String[] GRAPHICS_FAMILY = {"IPv4", "IPv6", "unix"};
    private static final String[] MEMORY_FAILURE_RECIPIENT = {"hypervisor", "guest"};
    private static final String[] MEMORY_FAILURE_ACTION = {"ignore", "inject", "fatal", "reset"};

    private static String pick(String[] names, int i, String dflt) {
        return i >= 0 && i < names.length ? names[i] : dflt;
    }

    /** virTypedParameterToString for the values an event map holds. */
    private static String param(Object v) {
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%g", d).replaceAll("\\.?0+(e|$)", "$1");
        }
        return String.valueOf(v);
    }

    private static void params(StringBuilder b, Map<String, Object> params) {
        for (Map.Entry<String, Object> p : params.entrySet()) {
            b.append('\t').append(p.getKey()).append(": ").append(param(p.getValue())).append('\n');
        }
    }

    /** The line(s) virsh prints for a domain event received by the subscription named {@code cb}. */
    static String describe(String cb, String dom, DomainEvent e) {
        String pre = "event '" + cb + "' for domain '" + dom + "'";
        return switch (e) {
            case DomainEvent.Lifecycle l -> "event 'lifecycle' for domain '" + dom + "': "
                    + DomainEventDetails.typeName(l.type()) + " " + l.detailName() + "\n";
            case DomainEvent.Reboot r -> pre + "\n";
            case DomainEvent.ControlError c -> pre + "\n";
            case DomainEvent.PmWakeup p -> pre + "\n";
            case DomainEvent.PmSuspend p -> pre + "\n";
            case DomainEvent.PmSuspendDisk p -> pre + "\n";
            case DomainEvent.RtcChange r -> pre + ": " + r.utcOffsetSeconds() + "\n";
            case DomainEvent.Watchdog w -> pre + ": " + pick(WATCHDOG, w.action(), "unknown") + "\n";
            case DomainEvent.IoError io -> io.id() == DomainEventId.IO_ERROR_REASON
                    ? "event 'io-error-reason' for domain '" + dom + "': " + io.srcPath() + " (" + io.devAlias() + ") "
                    + pick(IO_ERROR, io.action(), "unknown") + " due to " + io.reason() + "\n"
                    : "event 'io-error' for domain '" + dom + "': " + io.srcPath() + " (" + io.devAlias() + ") "
                    + pick(IO_ERROR, io.action(), "unknown") + "\n";
            case DomainEvent.BlockJob j -> pre + ": " + pick(BLOCK_JOB_TYPE, j.type(), "Unknown job") + " for "
                    + j.disk() + " " + pick(BLOCK_JOB_STATUS, j.status(), "unknown") + "\n";
            case DomainEvent.DiskChange d -> "event 'disk-change' for domain '" + dom + "' disk " + d.devAlias() + ": "
                    + nullstr(d.oldSrcPath()) + " -> " + nullstr(d.newSrcPath()) + ": "
                    + pick(DISK_CHANGE, d.reason(), "unknown") + "\n";
            case DomainEvent.TrayChange t -> "event 'tray-change' for domain '" + dom + "' disk " + t.devAlias() + ": "
                    + pick(TRAY_CHANGE, t.reason(), "unknown") + "\n";
            case DomainEvent.BalloonChange bc -> pre + ": " + Long.toUnsignedString(bc.actualKiB()) + "KiB\n";
            case DomainEvent.DeviceRemoved d -> pre + ": " + d.devAlias() + "\n";
            case DomainEvent.DeviceAdded d -> pre + ": " + d.devAlias() + "\n";
            case DomainEvent.DeviceRemovalFailed d -> pre + ": " + d.devAlias() + "\n";
            case DomainEvent.Tunable t -> {
                StringBuilder b = new StringBuilder(pre + ":\n");
                params(b, t.params());
                yield b.toString();
            }
            case DomainEvent.JobCompleted j -> {
                StringBuilder b = new StringBuilder(pre + ":\n");
                params(b, j.params());
                yield b.toString();
            }
            case DomainEvent.AgentLifecycle a -> pre + ": state: '" + pick(AGENT_STATE, a.state(), "unsupported value")
                    + "' reason: '" + pick(AGENT_REASON, a.reason(), "unsupported value") + "'\n";
            case DomainEvent.MetadataChange m -> pre + ": type "
                    + pick(METADATA, m.type() == null ? -1 : m.type().ordinal(), "unsupported value") + ", uri "
                    + nullstr(m.nsuri()) + "\n";
            case DomainEvent.Graphics g -> {
                StringBuilder b = new StringBuilder(pre + ": " + pick(GRAPHICS_PHASE, g.phase(), "unknown")
                        + " local" + address(g.local()) + " remote" + address(g.remote()) + " " + g.authScheme()
                        + "\n");
                for (DomainEvent.GraphicsIdentity i : g.subject()) {
                    b.append('\t').append(i.type()).append('=').append(i.name()).append('\n');
                }
                yield b.toString();
            }
            case DomainEvent.MigrationIteration m -> pre + ": iteration: '" + m.iteration() + "'\n";
            case DomainEvent.BlockThreshold t -> pre + ": dev: " + t.dev() + "(" + nullstr(t.path()) + ") "
                    + Long.toUnsignedString(t.threshold()) + " " + Long.toUnsignedString(t.excess()) + "\n";
            case DomainEvent.MemoryFailure f -> pre + ":\nrecipient: "
                    + pick(MEMORY_FAILURE_RECIPIENT, f.recipient(), "unsupported value") + "\naction: "
                    + pick(MEMORY_FAILURE_ACTION, f.action(), "unsupported value") + "\nflags:\n\taction required: "
                    + (f.flags() & 1) + "\n\trecursive: " + ((f.flags() >> 1) & 1) + "\n";
            case DomainEvent.MemoryDeviceSizeChange c -> pre + ":\nalias: " + c.alias() + "\nsize: "
                    + Long.toUnsignedString(c.sizeKiB()) + "\n";
        };
    }

    /** virsh's "[family node service]" for one end of a graphics connection. */
    private static String address(DomainEvent.GraphicsAddress a) {
        return "[" + pick(GRAPHICS_FAMILY, a.family(), "unknown") + " " + a.node() + " " + a.service() + "]";
    }

    private static String nullstr(String s) {
        return s == null ? "<null>" : s;
    }

    /** The part common to the one-kind event commands: --list, --event, --timeout. Returns the kind's index. */
    private static int kind(Shell sh, Invocation cmd, String[] names) {
        String name = cmd.string("event");
        if (name == null) {
            throw sh.fail("either --list or --event <type> is required");
        }
        int i = List.of(names).indexOf(name);
        if (i < 0) {
            throw sh.fail("unknown event type %s", name);
        }
        return i;
    }

    private static boolean listed(Shell sh, Invocation cmd, String[] names) {
        if (!cmd.bool("list")) {
            return false;
        }
        for (String n : names) {
            sh.print("%s\n", n);
        }
        return true;
    }

    /**
     * Runs a wait whose object lookup failed the virsh way: virsh reports the lookup error, then waits for the
     * events of every object anyway; its result still ends with the lookup's libvirt error.
     */
    private static boolean waitAndReport(Shell sh, EventWait wait, int timeout, VirtException lookupError) {
        boolean ok = wait.finish(timeout);
        if (!ok && lookupError != null) {
            throw new Failed(lookupError);
        }
        return ok;
    }

    static boolean networkEvent(Shell sh, Invocation cmd) {
        if (listed(sh, cmd, NETWORK_EVENTS)) {
            return true;
        }
        int kind = kind(sh, cmd, NETWORK_EVENTS);
        EventWait wait = new EventWait(sh, cmd);
        int timeout = EventWait.timeoutMs(sh, cmd);
        Network net = null;
        VirtException lookupError = null;
        if (cmd.has("network")) {
            try {
                net = Lookup.network(sh, cmd);
            } catch (Failed f) {
                lookupError = f.cause;
            }
        }
        try (EventRegistration r = sh.conn().networkEventRegister(NetworkEventId.fromCode(kind, null), net,
                (n, e) -> {
                    if (e instanceof NetworkEvent.Lifecycle l) {
                        wait.print("event 'lifecycle' for network " + n.getName() + ": "
                                + pick(new String[] {"Defined", "Undefined", "Started", "Stopped"}, l.type().code(),
                                "unknown") + "\n");
                    }
                })) {
            return waitAndReport(sh, wait, timeout, lookupError);
        }
    }

    static boolean poolEvent(Shell sh, Invocation cmd) {
        if (listed(sh, cmd, POOL_EVENTS)) {
            return true;
        }
        int kind = kind(sh, cmd, POOL_EVENTS);
        EventWait wait = new EventWait(sh, cmd);
        int timeout = EventWait.timeoutMs(sh, cmd);
        StoragePool pool = null;
        VirtException lookupError = null;
        if (cmd.has("pool")) {
            try {
                pool = Lookup.pool(sh, cmd, "pool");
            } catch (Failed f) {
                lookupError = f.cause;
            }
        }
        String[] types = {"Defined", "Undefined", "Started", "Stopped", "Created", "Deleted"};
        try (EventRegistration r = sh.conn().storagePoolEventRegister(StoragePoolEventId.fromCode(kind, null), pool,
                (p, e) -> {
                    switch (e) {
                        case StoragePoolEvent.Lifecycle l -> wait.print("event 'lifecycle' for storage pool "
                                + p.getName() + ": " + pick(types, l.type().code(), "unknown") + "\n");
                        case StoragePoolEvent.Refresh x -> wait.print("event 'refresh' for storage pool "
                                + p.getName() + "\n");
                    }
                })) {
            return waitAndReport(sh, wait, timeout, lookupError);
        }
    }

    static boolean nodedevEvent(Shell sh, Invocation cmd) {
        if (listed(sh, cmd, NODEDEV_EVENTS)) {
            return true;
        }
        int kind = kind(sh, cmd, NODEDEV_EVENTS);
        EventWait wait = new EventWait(sh, cmd);
        int timeout = EventWait.timeoutMs(sh, cmd);
        String devName = cmd.string("device");
        NodeDevice dev = null;
        if (devName != null) {
            try {
                dev = sh.conn().nodeDeviceLookupByName(devName);
            } catch (VirtException e) {
                throw sh.fail(e, "%s '%s'", "Could not find matching device", devName);
            }
        }
        String[] types = {"Created", "Deleted", "Defined", "Undefined"};
        try (EventRegistration r = sh.conn().nodeDeviceEventRegister(NodeDeviceEventId.fromCode(kind, null), dev,
                (d, e) -> {
                    switch (e) {
                        case NodeDeviceEvent.Lifecycle l -> wait.print("event 'lifecycle' for node device "
                                + d.getName() + ": " + pick(types, l.type().code(), "unknown") + "\n");
                        case NodeDeviceEvent.Update u -> wait.print("event 'update' for node device "
                                + d.getName() + "\n");
                    }
                })) {
            return wait.finish(timeout);
        }
    }

    static boolean secretEvent(Shell sh, Invocation cmd) {
        if (listed(sh, cmd, SECRET_EVENTS)) {
            return true;
        }
        int kind = kind(sh, cmd, SECRET_EVENTS);
        EventWait wait = new EventWait(sh, cmd);
        int timeout = EventWait.timeoutMs(sh, cmd);
        Secret secret = null;
        VirtException lookupError = null;
        if (cmd.has("secret")) {
            try {
                secret = Lookup.secret(sh, cmd);
            } catch (Failed f) {
                lookupError = f.cause;
            }
        }
        try (EventRegistration r = sh.conn().secretEventRegister(SecretEventId.fromCode(kind, null), secret,
                (s, e) -> {
                    switch (e) {
                        case SecretEvent.Lifecycle l -> wait.print("event 'lifecycle' for secret "
                                + s.getUUIDString() + ": " + pick(new String[] {"Defined", "Undefined"},
                                l.type().code(), "unknown") + "\n");
                        case SecretEvent.ValueChanged v -> wait.print("event 'value-changed' for secret "
                                + s.getUUIDString() + "\n");
                    }
                })) {
            return waitAndReport(sh, wait, timeout, lookupError);
        }
    }
}
