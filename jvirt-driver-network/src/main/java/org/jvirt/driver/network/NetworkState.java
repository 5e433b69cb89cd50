package org.jvirt.driver.network;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.bridge.Links;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.conf.NetworkParse;
import org.jvirt.driver.network.dnsmasq.Dnsmasq;
import org.jvirt.driver.network.firewall.NetworkRules;
import org.jvirt.driver.network.firewall.Nft;
import org.jvirt.driver.network.obj.NetworkObj;
import org.jvirt.driver.network.obj.NetworkStore;
import org.jvirt.driver.network.obj.RunState;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NetworkEventType;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostScope;
import org.jvirt.xml.network.NetworkXml;

/**
 * The network driver of one scope (libvirt's virNetworkDriverState): the networks, their files, what they run,
 * and the connections listening for events. Made on the scope's first use; it loads the configs, takes back
 * the networks a previous driver left running (bridge, dnsmasq and rules stay untouched), defines the default
 * network on a scope's very first start, and starts the autostart networks. Every change runs under its lock.
 */
final class NetworkState {
    private static final int MAX_BRIDGE_ID = 256;

    /**
     * The scopes whose autostart ran in this process. A state is dropped when its last connection closes and made
     * again by the next one; autostart belongs to the driver's start in a process (a daemon start), not to each.
     */
    private static final Set<String> AUTOSTARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final HostScope scope;
    final NetworkStore store;
    final Dnsmasq dnsmasq;
    final Nft nft = new Nft();
    final NetworkStarter starter;
    final org.jvirt.driver.network.port.PortStore ports;
    final Map<String, NetworkObj> nets = new LinkedHashMap<>();
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final FileChannel lockFile;
    int refs;

    /** Another process's driver owns this scope (a running jvirtd): this one must not touch its networks. */
    static final class Busy extends Exception {
        Busy(String msg) {
            super(msg, null, false, false);
        }
    }

    NetworkState(HostScope scope) throws Busy {
        this.scope = scope;
        this.store = new NetworkStore(scope);
        this.dnsmasq = new Dnsmasq(store.dnsmasqDir(), store.statusDir());
        this.starter = new NetworkStarter(dnsmasq, nft);
        this.ports = new org.jvirt.driver.network.port.PortStore(store.statusDir());
        boolean fresh = store.fresh();
        this.lockFile = lock();
        synchronized (this) {
            for (NetworkXml x : store.loadConfigs()) {
                NetworkObj o = new NetworkObj(x, true);
                o.setAutostart(store.autostart(x.name()));
                nets.put(x.name(), o);
            }
            adopt();
            if (fresh) {
                defineDefault();
            }
            if (AUTOSTARTED.add(scope.key())) {
                autostart();
            }
        }
    }

    private FileChannel lock() throws Busy {
        try {
            Files.createDirectories(store.statusDir());
            Files.createDirectories(store.configDir());
            FileChannel ch = FileChannel.open(store.statusDir().resolve("driver.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new Busy(store.statusDir() + " is in use by another network driver");
            }
            return ch;
        } catch (IOException e) {
            throw new Busy("cannot lock " + store.statusDir() + ": " + e.getMessage());
        }
    }

    /**
     * networkUpdateState: a network whose status file is there and whose bridge still exists is active; its
     * dnsmasq is restarted if it died. One whose bridge went away is cleaned up and inactive.
     */
    private void adopt() {
        for (var st : store.loadStatus()) {
            NetworkXml live = st.live();
            NetworkObj o = nets.get(live.name());
            if (o == null) {
                o = new NetworkObj(live, false);
                nets.put(live.name(), o);
            } else {
                o.setNewDef(o.def());
                o.setDef(live);
            }
            NetworkDef def = NetworkDef.of(live);
            boolean up = !def.forward().ownBridge() || def.bridge() != null && Links.exists(def.bridge());
            if (up) {
                o.setActive(true);
                RunState run = st.run();
                if (def.needsDnsmasq() && !dnsmasq.alive(run.dnsmasqPid(), def.name())) {
                    try {
                        run = new RunState(dnsmasq.start(def), run.rules(), false);
                        store.saveStatus(live, run);
                    } catch (VirtException e) {
                        warn("cannot restart dnsmasq of network " + def.name() + ": " + e.getMessage());
                    }
                }
                o.setRun(run);
                for (var port : ports.load(o.uuid())) {
                    o.ports().put(port.uuid(), port);
                }
            } else {
                try {
                    starter.stop(def, st.run(), lastInFamily(def, o));
                } catch (VirtException e) {
                    warn(e.getMessage());
                }
                store.deleteStatus(live.name());
                finishStop(o);
            }
        }
    }

    private void defineDefault() {
        NetworkXml x = NetworkParse.parse(NetworkParse.defaultNetworkXml());
        assignBridge(x, null);
        store.saveConfig(x);
        store.setAutostart(x.name(), true);
        NetworkObj o = new NetworkObj(x, true);
        o.setAutostart(true);
        nets.put(x.name(), o);
    }

    private void autostart() {
        for (NetworkObj o : new ArrayList<>(nets.values())) {
            if (o.autostart() && !o.active()) {
                try {
                    start(o);
                } catch (VirtException e) {
                    warn("Failed to autostart network '" + o.name() + "': " + e.getMessage());
                }
            }
        }
    }

    void addSink(EventSink s) {
        sinks.add(s);
    }

    void removeSink(EventSink s) {
        sinks.remove(s);
    }

    void event(NetworkObj o, NetworkEventType t) {
        for (EventSink s : sinks) {
            s.networkEvent(o.ref(), new NetworkEvent.Lifecycle(t, 0));
        }
    }

    NetworkObj byName(String name) {
        NetworkObj o = nets.get(name);
        if (o == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_NETWORK, "no network with matching name '%s'",
                    name);
        }
        return o;
    }

    NetworkObj byUuid(java.util.UUID uuid) {
        for (NetworkObj o : nets.values()) {
            if (o.uuid().equals(uuid)) {
                return o;
            }
        }
        throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_NETWORK, "no network with matching uuid '%s'",
                uuid);
    }

    /** networkBridgeNameValidate: a given name must be free among the other networks; else allocate virbrN. */
    void assignBridge(NetworkXml x, String self) {
        NetworkDef def = NetworkDef.of(x);
        if (!def.forward().ownBridge()) {
            return;
        }
        String b = def.bridge();
        if (b != null && !b.contains("%d")) {
            if (bridgeInUse(b, x.name())) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                        "bridge name '%s' already in use.", b);
            }
            return;
        }
        String templ = b != null && b.indexOf('%') == b.lastIndexOf('%') ? b : "virbr%d";
        for (int id = 0; id <= MAX_BRIDGE_ID; id++) {
            String name = templ.replace("%d", Integer.toString(id));
            if (!bridgeInUse(name, x.name()) && !Links.exists(name)) {
                x.bridge(null, null, null); // name first, as libvirt writes it
                x.bridge(name, def.stp(), def.delay());
                return;
            }
        }
        throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR, "Bridge generation exceeded max id %d",
                MAX_BRIDGE_ID);
    }

    private boolean bridgeInUse(String bridge, String skip) {
        for (NetworkObj o : nets.values()) {
            if (o.name().equals(skip)) {
                continue;
            }
            if (bridge.equals(o.def().bridgeName())
                    || o.newDef() != null && bridge.equals(o.newDef().bridgeName())) {
                return true;
            }
        }
        return false;
    }

    /** The nft families in which no active network other than {@code self} has rules. */
    Set<String> lastInFamily(NetworkDef def, NetworkObj self) {
        Set<String> out = new HashSet<>(NetworkRules.families(def));
        out.removeAll(familiesInUse(self));
        return out;
    }

    private Set<String> familiesInUse(NetworkObj self) {
        Set<String> used = new HashSet<>();
        for (NetworkObj o : nets.values()) {
            if (o != self && o.active()) {
                o.run().rules().forEach(r -> used.add(r.family()));
            }
        }
        return used;
    }

    /**
     * networkStartNetwork: the live definition is the persistent one plus what starting fills in (a NAT
     * network's masquerade port range, 1024-65535 unless given, as libvirt shows it); the host parts start and
     * the status is saved. A failure changes nothing.
     */
    void start(NetworkObj o) {
        start(o, o.def());
    }

    /** Starts {@code o} from {@code source} (its own definition, or the one virNetworkCreateXML was given). */
    void start(NetworkObj o, NetworkXml source) {
        if (o.active()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID, "network is already active");
        }
        NetworkXml live = NetworkXml.parse(source.toXml());
        natPortDefault(live);
        NetworkDef def = NetworkDef.of(live);
        RunState run = starter.start(def, familiesInUse(o));
        try {
            store.saveStatus(live, run);
        } catch (VirtException e) {
            starter.stop(def, run, lastInFamily(def, o));
            throw e;
        }
        if (o.persistent()) {
            o.setNewDef(o.def());
        }
        o.setDef(live);
        o.setRun(run);
        o.setActive(true);
        event(o, NetworkEventType.STARTED);
    }

    private static void natPortDefault(NetworkXml live) {
        org.w3c.dom.Element fwd = org.jvirt.xml.Dom.child(live.element(), "forward");
        if (fwd == null || !"nat".equals(org.jvirt.xml.Dom.attribute(fwd, "mode"))) {
            return;
        }
        org.w3c.dom.Element nat = org.jvirt.xml.Dom.child(fwd, "nat");
        if (nat == null) {
            nat = fwd.getOwnerDocument().createElement("nat");
            fwd.appendChild(nat);
        }
        if (org.jvirt.xml.Dom.child(nat, "port") == null) {
            org.w3c.dom.Element port = fwd.getOwnerDocument().createElement("port");
            org.jvirt.xml.Dom.setAttribute(port, "start", "1024");
            org.jvirt.xml.Dom.setAttribute(port, "end", "65535");
            nat.appendChild(port);
        }
    }

    /** networkShutdownNetwork, then the live config gives way to the persistent one (or a transient one goes). */
    void stop(NetworkObj o) {
        if (!o.active()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID, "network '%s' is not active",
                    o.name());
        }
        NetworkDef def = o.parsed();
        try {
            starter.stop(def, o.run(), lastInFamily(def, o));
        } finally {
            store.deleteStatus(o.name());
            finishStop(o);
            event(o, NetworkEventType.STOPPED);
            if (!o.persistent()) {
                dnsmasq.deleteFiles(o.name(), def.bridge());
                nets.remove(o.name());
            }
        }
    }

    private void finishStop(NetworkObj o) {
        ports.deleteAll(o.uuid());
        o.ports().clear();
        o.setActive(false);
        o.setRun(RunState.none());
        if (o.newDef() != null) {
            o.setDef(o.newDef());
            o.setNewDef(null);
        }
    }

    /** Lets go of the scope: networks keep running on the host, the next driver takes them back. */
    void close() {
        try {
            lockFile.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    private static void warn(String msg) {
        System.getLogger(NetworkState.class.getName()).log(System.Logger.Level.WARNING, msg);
    }
}
