package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.domain.StatusFile;
import org.jvirt.driver.qemu.process.Leftovers;
import org.jvirt.driver.qemu.process.ProcFs;
import org.jvirt.driver.qemu.process.QemuLaunch;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.LifecycleAction;

/**
 * Takes back the guests an earlier driver left running (libvirt's qemuProcessReconnect). A status file names a
 * pid; it counts only while that pid is still the same qemu (its start time and its {@code -name guest=...}
 * argument match), so a recycled pid is never touched. The monitor is connected again and QEMU asked what state
 * it is in; a guest that died meanwhile is marked shut off and its files removed.
 */
final class Reconnect {

    private static final System.Logger LOG = System.getLogger(Reconnect.class.getName());
    static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(10);

    private final DriverContext ctx;
    private final RunEnd end;

    Reconnect(DriverContext ctx, RunEnd end) {
        this.ctx = ctx;
        this.end = end;
    }

    void all() {
        Set<Path> liveDirs = new HashSet<>();
        for (Path f : StatusFile.list(ctx.runDir())) {
            StatusFile sf;
            try {
                sf = StatusFile.read(f);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "dropping unreadable status file " + f + ": " + e.getMessage());
                AtomicFiles.delete(f);
                continue;
            }
            DomainRun run = one(sf);
            if (run != null) {
                liveDirs.add(run.runDir());
            }
        }
        sweep(liveDirs);
    }

    /** Runtime directories and temporary files nobody owns: left by a start or write that was cut short. */
    private void sweep(Set<Path> liveDirs) {
        if (!Files.isDirectory(ctx.runDir())) {
            return;
        }
        try (Stream<Path> s = Files.list(ctx.runDir())) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("d-") && Files.isDirectory(p) && !liveDirs.contains(p)) {
                    // a start cut short before its first status file: its QEMU (paused, -S) and helpers still run
                    List<Long> killed = Leftovers.kill(p, Duration.ofSeconds(10));
                    if (!killed.isEmpty()) {
                        LOG.log(System.Logger.Level.WARNING, "killed processes " + killed + " of " + p
                                + ", a start that no status file records");
                    }
                    AtomicFiles.deleteTree(p);
                } else if (n.startsWith(".") && n.endsWith(".tmp")) {
                    AtomicFiles.deleteTree(p);
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    private DomainRun one(StatusFile sf) {
        DomainXml live;
        try {
            live = DomainXml.parse(sf.xml());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dropping status of " + sf.name() + ": " + e.getMessage());
            ctx.deleteStatus(sf.name());
            return null;
        }
        UUID uuid = UUID.fromString(sf.uuid());
        DomainObj dom = ctx.store().byUuid(uuid);
        if (dom == null) {
            DomainXml def = DomainXml.parse(sf.xml());
            def.id(null);
            dom = new DomainObj(def, false);
            ctx.store().add(dom);
        }
        Path runDir = Path.of(sf.runDir());
        if (!isOurQemu(sf)) {
            LOG.log(System.Logger.Level.INFO, "guest " + sf.name() + " (pid " + sf.pid() + ") is gone");
            forget(dom, sf, runDir, Reasons.SHUTOFF_UNKNOWN);
            return null;
        }
        QemuLaunch launch = new QemuLaunch(Path.of(sf.binary()), List.of(), Map.of(), runDir, Path.of(sf.logFile()),
                runDir.resolve("qemu.pid"), Path.of(sf.monitor()), false);
        QemuProcess proc;
        try {
            proc = QemuProcess.adopt(launch, sf.pid(), MONITOR_TIMEOUT);
        } catch (RuntimeException e) {
            // a qemu we cannot control is worse than none: libvirt kills it too
            LOG.log(System.Logger.Level.WARNING, "cannot reconnect to " + sf.name() + ", killing it: " + e.getMessage());
            ProcessHandle.of(sf.pid()).ifPresent(ProcessHandle::destroyForcibly);
            forget(dom, sf, runDir, Reasons.SHUTOFF_DAEMON);
            return null;
        }
        if (sf.state() == DomainState.PAUSED.code() && sf.reason() == Reasons.PAUSED_STARTING_UP
                && !queryStatus(proc).equals("running")) {
            // libvirt's qemuProcessReconnect: "wasn't fully started yet, killing it"; the start was never
            // acknowledged, and what it had still to do (display passwords, link states, cont) is unknown
            LOG.log(System.Logger.Level.WARNING, "guest " + sf.name() + " (pid " + sf.pid()
                    + ") was not fully started yet, killing it");
            proc.detach();
            ProcessHandle.of(sf.pid()).ifPresent(ProcessHandle::destroyForcibly);
            Leftovers.kill(runDir, Duration.ofSeconds(10)); // and its helpers; waits until QEMU is gone
            forget(dom, sf, runDir, Reasons.SHUTOFF_DAEMON);
            return null;
        }
        DomainRun run = new DomainRun(sf.id(), proc, runDir, live, sf.vncPort());
        ctx.vncPorts().reserve(sf.vncPort()); // the guest still listens there: no other start may get it
        org.jvirt.driver.qemu.command.GraphicsPorts.of(live).forEach(ctx.vncPorts()::reserve);
        run.gotShutdown(sf.gotShutdown());
        DomainStateInfo saved = new DomainStateInfo(DomainState.fromCode(sf.state(), DomainState.NOSTATE), sf.reason());
        synchronized (dom) {
            dom.run(run);
            dom.state(saved.state(), saved.reason());
        }
        ctx.store().idSeen(sf.id());
        proc.monitor().addListener(new MonitorEvents(ctx, end, dom, run));
        String status = queryStatus(proc);
        synchronized (dom) {
            switch (status) {
                case "running" -> {
                    if (saved.state() != DomainState.RUNNING) {
                        dom.state(DomainState.RUNNING, Reasons.RUNNING_UNPAUSED);
                    }
                }
                case "shutdown" -> dom.state(DomainState.SHUTDOWN, Reasons.SHUTDOWN_USER);
                case "guest-panicked" -> dom.state(DomainState.CRASHED, Reasons.CRASHED_PANICKED);
                case "io-error" -> dom.state(DomainState.PAUSED, Reasons.PAUSED_IOERROR);
                default -> {
                    if (saved.state() != DomainState.PAUSED) {
                        dom.state(DomainState.PAUSED, Reasons.PAUSED_UNKNOWN);
                    }
                }
            }
        }
        end.watch(dom, run);
        try {
            // ptys and channel states may have changed while no driver listened (libvirt refreshes them too)
            org.jvirt.driver.qemu.chardev.ChardevState.refresh(dom, run);
        } catch (RuntimeException e) {
            // the monitor is going away with the process; its end is watched
        }
        ctx.writeStatus(dom);
        if (status.equals("shutdown")) {
            // the old driver died between the guest's poweroff and acting on it: act now
            run.gotShutdown(true);
            run.pausedShutdown(true);
            if (live.onPoweroff() == LifecycleAction.RESTART) {
                end.fakeRebootAsync(dom, run);
            } else {
                end.killAsync(run);
            }
        }
        LOG.log(System.Logger.Level.INFO, "reconnected to " + sf.name() + " (pid " + sf.pid() + "), " + status);
        return run;
    }

    private static String queryStatus(QemuProcess proc) {
        try {
            JsonNode st = proc.monitor().execute("query-status");
            return st.path("status").asText();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The pid still runs and is the very process the status file describes. */
    static boolean isOurQemu(StatusFile sf) {
        if (!ProcFs.isRunning(sf.pid()) || ProcFs.startTime(sf.pid()) != sf.pidStartTime()) {
            return false;
        }
        List<String> argv = ProcFs.cmdline(sf.pid());
        int i = argv.indexOf("-name");
        return i >= 0 && i + 1 < argv.size() && argv.get(i + 1).startsWith("guest=" + sf.name().replace(",", ",,"))
                && argv.contains(sf.uuid());
    }

    private void forget(DomainObj dom, StatusFile sf, Path runDir, int reason) {
        ctx.deleteStatus(sf.name());
        AtomicFiles.deleteTree(runDir);
        synchronized (dom) {
            dom.state(DomainState.SHUTOFF, reason);
        }
        if (!dom.persistent()) {
            ctx.store().remove(dom);
        }
    }
}
