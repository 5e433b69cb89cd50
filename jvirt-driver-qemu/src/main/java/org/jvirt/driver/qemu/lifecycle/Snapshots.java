package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.SnapshotCreateFlag;
import org.jvirt.flags.SnapshotDeleteFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.flags.SnapshotRevertFlag;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.snapshot.DomainSnapshotXml;
import org.w3c.dom.Element;

/**
 * Internal snapshots of qcow2 guests. A running guest is snapshotted by QEMU 7.2's snapshot-save job (disks and
 * memory, the memory into the first disk, as savevm did) and reverted with snapshot-load; a shut-off guest's
 * disks with {@code qemu-img snapshot}. The driver pauses the guest itself around the job, so the pause is not
 * reported as a user's. Metadata (names, tree, current, the definition at that time) lives in
 * {@link SnapshotMeta}.
 */
public final class Snapshots {

    static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    // libvirt's reason and detail numbers for snapshot-related changes
    private static final int PAUSED_SNAPSHOT = 9;
    private static final int RUNNING_FROM_SNAPSHOT = 4;
    private static final int PAUSED_FROM_SNAPSHOT = 7;
    private static final int STARTED_FROM_SNAPSHOT = 3;
    private static final int RESUMED_FROM_SNAPSHOT = 2;
    private static final int SUSPENDED_FROM_SNAPSHOT = 5;

    private final DriverContext ctx;
    private final Starter starter;
    private final RunEnd end;

    Snapshots(DriverContext ctx, Starter starter, RunEnd end) {
        this.ctx = ctx;
        this.starter = starter;
        this.end = end;
    }

    private SnapshotMeta meta(DomainObj dom) {
        return new SnapshotMeta(ctx.stateDir(), dom.name());
    }

    /** A qcow2 disk that takes part: its target, image and block node. */
    private record SnapDisk(String target, String file, String node) {
    }

    private static List<SnapDisk> disks(DomainXml def) {
        List<SnapDisk> out = new ArrayList<>();
        for (DiskXml d : def.devices().disks()) {
            if (d.readonly() || "cdrom".equals(d.device())) {
                continue;
            }
            String format = d.driver() != null && d.driver().type() != null ? d.driver().type() : "raw";
            if (!(d.source() instanceof DiskSource.File f) || !format.equals("qcow2")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "internal snapshot for disk %s unsupported for storage type %s", d.targetDev(), format);
            }
            out.add(new SnapDisk(d.targetDev(), f.path(), "fmt-" + d.alias()));
        }
        if (out.isEmpty()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "internal snapshots need at least one writable qcow2 disk");
        }
        return out;
    }

    public String create(DomainObj dom, String xml, Set<SnapshotCreateFlag> flags) {
        for (SnapshotCreateFlag f : flags) {
            if (f != SnapshotCreateFlag.ATOMIC && f != SnapshotCreateFlag.LIVE && f != SnapshotCreateFlag.VALIDATE) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "unsupported flags (0x%x) in function qemuDomainSnapshotCreateXML", f.bit());
            }
        }
        DomainSnapshotXml req = DomainSnapshotXml.parse(xml);
        if ("external".equals(req.memorySnapshot())
                || req.disks().stream().anyMatch(d -> "external".equals(d.snapshot()))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "only internal snapshots are supported");
        }
        String name = req.name() != null ? req.name() : Long.toString(System.currentTimeMillis() / 1000);
        dom.beginJob("snapshot create");
        try {
            SnapshotMeta meta = meta(dom);
            if (meta.exists(name)) {
                throw VirtException.of(ErrorDomain.DOMAIN_SNAPSHOT, ErrorNumber.OPERATION_INVALID,
                        "domain snapshot '%s' already exists", name);
            }
            DomainRun run = dom.run();
            DomainXml def = run != null ? run.liveDef() : dom.def();
            List<SnapDisk> disks = disks(def);
            String state;
            if (run != null) {
                state = live(dom, run, disks, "snapshot-save", name) == DomainState.RUNNING ? "running" : "paused";
            } else {
                for (SnapDisk d : disks) {
                    qemuImg("-c", name, d.file());
                }
                state = "shutoff";
            }
            DomainSnapshotXml s = DomainSnapshotXml.create(name, req.description());
            s.state(state);
            s.parentName(meta.current());
            s.creationTime(System.currentTimeMillis() / 1000);
            s.memory(run != null ? "internal" : "no", null);
            for (SnapDisk d : disks) {
                s.addDisk(new DomainSnapshotXml.Disk(d.target(), "internal", null, null));
            }
            DomainXml saved = DomainXml.parse(def.toXml());
            saved.id(null);
            Element copy = (Element) s.element().getOwnerDocument().importNode(saved.element(), true);
            s.element().appendChild(copy);
            meta.write(s);
            meta.current(name);
            return name;
        } finally {
            dom.endJob();
        }
    }

    /**
     * Runs snapshot-save or snapshot-load on a running guest, paused by the driver meanwhile; returns the state
     * the guest was in before.
     */
    private DomainState live(DomainObj dom, DomainRun run, List<SnapDisk> disks, String command, String tag) {
        DomainStateInfo before = dom.state();
        if (before.state() == DomainState.RUNNING) {
            synchronized (dom) {
                dom.state(DomainState.PAUSED, PAUSED_SNAPSHOT);
            }
            run.ownCommand("stop");
        }
        try {
            QmpMonitor mon = run.process().monitor();
            ObjectNode args = QemuJson.mapper().createObjectNode().put("tag", tag);
            if (!command.equals("snapshot-delete")) {
                args.put("vmstate", disks.get(0).node());
            }
            ArrayNode devs = args.putArray("devices");
            disks.forEach(d -> devs.add(d.node()));
            QmpJobs.run(mon, command, args, command + "-" + System.nanoTime(), JOB_TIMEOUT,
                    command + " of '" + tag + "'");
        } finally {
            if (before.state() == DomainState.RUNNING && command.equals("snapshot-save")) {
                run.ownCommand("cont");
                synchronized (dom) {
                    dom.state(before.state(), before.reason());
                }
            }
        }
        return before.state();
    }

    public void revert(DomainObj dom, String name, Set<SnapshotRevertFlag> flags) {
        if (flags.contains(SnapshotRevertFlag.RUNNING) && flags.contains(SnapshotRevertFlag.PAUSED)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "Flags 'VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING' and 'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED' are mutually exclusive");
        }
        dom.beginJob("snapshot revert");
        try {
            SnapshotMeta meta = meta(dom);
            DomainSnapshotXml s = meta.get(name);
            boolean withMemory = !"shutoff".equals(s.state());
            boolean paused = flags.contains(SnapshotRevertFlag.PAUSED)
                    || ("paused".equals(s.state()) && !flags.contains(SnapshotRevertFlag.RUNNING));
            DomainRun run = dom.run();
            if (!withMemory) {
                if (run != null) {
                    run.stopCause(DomainRun.StopCause.DESTROYED);
                    end.kill(run, RunEnd.TERM_GRACE, false);
                }
                for (SnapDisk d : disks(dom.def())) {
                    qemuImg("-a", name, d.file());
                }
            } else if (run != null) {
                live(dom, run, disks(run.liveDef()), "snapshot-load", name);
                if (!paused) {
                    run.ownCommand("cont");
                }
                synchronized (dom) {
                    dom.state(paused ? DomainState.PAUSED : DomainState.RUNNING,
                            paused ? PAUSED_FROM_SNAPSHOT : RUNNING_FROM_SNAPSHOT);
                }
                ctx.events().lifecycle(dom.ref(), paused ? DomainEventType.SUSPENDED : DomainEventType.RESUMED,
                        paused ? SUSPENDED_FROM_SNAPSHOT : RESUMED_FROM_SNAPSHOT);
                ctx.writeStatus(dom);
            } else {
                Starter.Incoming load = r -> live(dom, r, disks(r.liveDef()), "snapshot-load", name);
                starter.start(dom, new Starter.How(paused, load, RUNNING_FROM_SNAPSHOT, STARTED_FROM_SNAPSHOT, null,
                        false));
            }
            meta.current(name);
        } finally {
            dom.endJob();
        }
    }

    public void delete(DomainObj dom, String name, Set<SnapshotDeleteFlag> flags) {
        dom.beginJob("snapshot delete");
        try {
            SnapshotMeta meta = meta(dom);
            DomainSnapshotXml target = meta.get(name);
            List<String> doomed = new ArrayList<>();
            boolean children = flags.contains(SnapshotDeleteFlag.CHILDREN)
                    || flags.contains(SnapshotDeleteFlag.CHILDREN_ONLY);
            if (!flags.contains(SnapshotDeleteFlag.CHILDREN_ONLY)) {
                doomed.add(name);
            }
            if (children) {
                doomed.addAll(descendants(meta, name));
            }
            String current = meta.current();
            for (String n : doomed) {
                if (!flags.contains(SnapshotDeleteFlag.METADATA_ONLY)) {
                    DomainRun run = dom.run();
                    if (run != null) {
                        live(dom, run, disks(run.liveDef()), "snapshot-delete", n);
                    } else {
                        for (SnapDisk d : disks(dom.def())) {
                            qemuImg("-d", n, d.file());
                        }
                    }
                }
                meta.delete(n);
            }
            if (current != null && doomed.contains(current)) {
                // libvirt makes the nearest surviving ancestor current
                meta.current(doomed.contains(name) ? target.parentName() : name);
            }
            if (!children) {
                for (DomainSnapshotXml s : meta.all()) { // the children move up to the parent
                    if (name.equals(s.parentName())) {
                        s.parentName(target.parentName());
                        meta.write(s);
                    }
                }
            }
        } finally {
            dom.endJob();
        }
    }

    private static List<String> descendants(SnapshotMeta meta, String name) {
        List<String> out = new ArrayList<>();
        List<DomainSnapshotXml> all = meta.all();
        List<String> frontier = new ArrayList<>(List.of(name));
        while (!frontier.isEmpty()) {
            String p = frontier.remove(0);
            for (DomainSnapshotXml s : all) {
                if (p.equals(s.parentName())) {
                    out.add(s.name());
                    frontier.add(s.name());
                }
            }
        }
        return out;
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    public List<String> list(DomainObj dom, Set<SnapshotListFlag> flags) {
        List<DomainSnapshotXml> all = meta(dom).all();
        List<String> out = new ArrayList<>();
        for (DomainSnapshotXml s : all) {
            if (flags.contains(SnapshotListFlag.ROOTS) && s.parentName() != null) {
                continue;
            }
            if (matches(s, all, flags)) {
                out.add(s.name());
            }
        }
        return out;
    }

    public List<String> children(DomainObj dom, String name, Set<SnapshotListFlag> flags) {
        SnapshotMeta meta = meta(dom);
        meta.get(name);
        List<DomainSnapshotXml> all = meta.all();
        List<String> names = flags.contains(SnapshotListFlag.DESCENDANTS) ? descendants(meta, name)
                : all.stream().filter(s -> name.equals(s.parentName())).map(DomainSnapshotXml::name).toList();
        return all.stream().filter(s -> names.contains(s.name()) && matches(s, all, flags))
                .map(DomainSnapshotXml::name).toList();
    }

    private static boolean matches(DomainSnapshotXml s, List<DomainSnapshotXml> all, Set<SnapshotListFlag> f) {
        boolean leaf = all.stream().noneMatch(o -> s.name().equals(o.parentName()));
        boolean inactive = "shutoff".equals(s.state());
        return (!f.contains(SnapshotListFlag.LEAVES) || leaf) && (!f.contains(SnapshotListFlag.NO_LEAVES) || !leaf)
                && !f.contains(SnapshotListFlag.NO_METADATA) && !f.contains(SnapshotListFlag.EXTERNAL)
                && !f.contains(SnapshotListFlag.DISK_ONLY)
                && (!(f.contains(SnapshotListFlag.INACTIVE) || f.contains(SnapshotListFlag.ACTIVE))
                        || (f.contains(SnapshotListFlag.INACTIVE) && inactive)
                        || (f.contains(SnapshotListFlag.ACTIVE) && !inactive));
    }

    public String xml(DomainObj dom, String name) {
        return meta(dom).get(name).toXml();
    }

    public String parent(DomainObj dom, String name) {
        String p = meta(dom).get(name).parentName();
        if (p == null) {
            throw VirtException.of(ErrorDomain.DOMAIN_SNAPSHOT, ErrorNumber.NO_DOMAIN_SNAPSHOT,
                    "snapshot '%s' does not have a parent", name);
        }
        return p;
    }

    /** The current snapshot's name, or null. */
    public String current(DomainObj dom) {
        return meta(dom).current();
    }

    public boolean exists(DomainObj dom, String name) {
        return meta(dom).exists(name);
    }

    public boolean hasAny(DomainObj dom) {
        return !meta(dom).all().isEmpty();
    }

    /** undefine with SNAPSHOTS_METADATA. */
    public void forget(DomainObj dom) {
        meta(dom).deleteAll();
    }

    private static void qemuImg(String op, String name, String file) {
        try {
            Process p = new ProcessBuilder("qemu-img", "snapshot", op, name, file).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "qemu-img snapshot %s '%s' on '%s' failed: %s", op, name, file, out);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot run qemu-img: %s",
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "interrupted");
        }
    }
}
