package org.jvirt.driver.qemu.lifecycle;

import java.time.Duration;
import java.util.Set;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.event.DomainEventType;
import org.jvirt.spi.DomainRef;

/**
 * The end of a run. {@link #onExit} is called when the qemu process has gone (the driver waits on its own
 * child, or on an adopted one's monitor closing), and turns what the driver knew into libvirt's shutoff reason
 * and STOPPED event: a destroy, a save, a guest shutdown (QEMU said SHUTDOWN first), or else a crash.
 */
final class RunEnd {

    /** SIGTERM, then SIGKILL after this long (libvirt's qemuProcessKill waits 10 s as well). */
    static final Duration TERM_GRACE = Duration.ofSeconds(10);

    private final DriverContext ctx;

    RunEnd(DriverContext ctx) {
        this.ctx = ctx;
    }

    /** Watches a run: from now on its process's end is handled here. */
    void watch(DomainObj dom, DomainRun run) {
        run.process().onExit().whenComplete((exit, err) -> onExit(dom, run));
    }

    void onExit(DomainObj dom, DomainRun run) {
        if (ctx.isClosed()) {
            return; // a driver state that was let go: the next one finds the status file and cleans up
        }
        DomainRef ref;
        int reason;
        int detail;
        boolean emit = true;
        boolean transientGone;
        synchronized (dom) {
            if (dom.run() != run) {
                run.stopped().complete(null);
                return;
            }
            DomainRun.StopCause cause = run.stopCause();
            if (cause == null) {
                if (run.gotShutdown()) {
                    reason = Reasons.SHUTOFF_SHUTDOWN;
                    detail = Reasons.STOPPED_SHUTDOWN;
                } else {
                    // the monitor closed without a SHUTDOWN: libvirt assumes the domain crashed
                    reason = Reasons.SHUTOFF_CRASHED;
                    detail = Reasons.STOPPED_FAILED;
                }
            } else {
                switch (cause) {
                    case DESTROYED -> {
                        reason = Reasons.SHUTOFF_DESTROYED;
                        detail = Reasons.STOPPED_DESTROYED;
                    }
                    case SAVED -> {
                        reason = Reasons.SHUTOFF_SAVED;
                        detail = Reasons.STOPPED_SAVED;
                    }
                    case CRASHED -> {
                        reason = Reasons.SHUTOFF_CRASHED;
                        detail = Reasons.STOPPED_CRASHED;
                    }
                    case DAEMON -> {
                        reason = Reasons.SHUTOFF_DAEMON;
                        detail = Reasons.STOPPED_FAILED;
                    }
                    case MIGRATED -> {
                        reason = Reasons.SHUTOFF_MIGRATED;
                        detail = Reasons.STOPPED_MIGRATED;
                    }
                    case MIGRATION_FAILED -> {
                        reason = Reasons.SHUTOFF_FAILED;
                        detail = Reasons.STOPPED_FAILED;
                    }
                    default -> {
                        reason = Reasons.SHUTOFF_FAILED;
                        detail = Reasons.STOPPED_FAILED;
                        emit = false; // no STARTED was sent either
                    }
                }
            }
            ref = dom.ref();
            // Files first: whoever sees SHUTOFF may start the domain again at once, and must find no
            // status file or run directory of this run left behind.
            cleanupFiles(dom.name(), run);
            dom.run(null);
            dom.state(DomainState.SHUTOFF, reason);
            if (dom.newDef() != null) {
                dom.def(dom.newDef());
                dom.newDef(null);
            }
            transientGone = !dom.persistent();
        }
        if (transientGone) {
            ctx.store().remove(dom);
            // as libvirt's qemuDomainRemoveInactive: a transient guest's TPM state goes with it
            org.jvirt.driver.qemu.device.TpmEmulators.removeState(run.liveDef(), ctx.stateDir(), Set.of());
        }
        if (emit) {
            ctx.events().lifecycle(ref, DomainEventType.STOPPED, detail);
        }
        run.stopped().complete(null);
    }

    void cleanupFiles(String name, DomainRun run) {
        try {
            ctx.deleteStatus(name);
        } catch (RuntimeException ignored) {
            // a stale status file is found and dropped by the next driver start
        }
        // the helper daemons normally end with QEMU's connection already
        org.jvirt.driver.qemu.device.TpmEmulators.stop(run.runDir());
        org.jvirt.driver.qemu.device.VirtiofsDaemons.stop(run.runDir());
        AtomicFiles.deleteTree(run.runDir());
        org.jvirt.driver.qemu.device.FilterBindings.deleteAll(ctx.hostDrivers().uri("nwfilter"), run.liveDef());
        org.jvirt.driver.qemu.device.Taps.deleteOwned(run.liveDef());
        org.jvirt.driver.qemu.device.NetworkPortPlug.releaseAll(ctx.networkUri(), run.liveDef());
        org.jvirt.driver.qemu.hostdev.HostdevPrepare.host().release(run.liveDef(), ctx.hostDrivers().uri("nodedev"));
        if (run.vncPort() > 0) {
            ctx.vncPorts().release(run.vncPort());
        }
        org.jvirt.driver.qemu.command.GraphicsPorts.of(run.liveDef()).forEach(ctx.vncPorts()::release);
    }

    /**
     * Stops the process: SIGTERM, SIGKILL after {@code grace} (none for GRACEFUL: then it only asks), and waits
     * until the exit was handled. Returns false if a graceful stop did not end it.
     */
    boolean kill(DomainRun run, Duration grace, boolean gracefulOnly) {
        if (gracefulOnly) {
            ProcessHandle.of(run.process().pid()).ifPresent(ProcessHandle::destroy);
            if (run.process().waitForExit(grace).isEmpty()) {
                return false;
            }
        } else {
            run.process().terminate(grace);
        }
        try {
            run.stopped().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // the exit handler runs on the process's own completion; a timeout here only delays the caller
        }
        return true;
    }

    /** Kills in the background: for actions taken from a QMP event, which must not block the event thread. */
    void killAsync(DomainRun run) {
        Thread.ofVirtual().name("qemu-kill-" + run.process().pid()).start(() -> run.process().terminate(TERM_GRACE));
    }

    /**
     * libvirt's fake reboot: after the guest powered off (ACPI reboot, on_poweroff=restart, on_crash=restart),
     * reset the machine and let the CPUs run again, so the same qemu boots the guest anew.
     */
    void fakeRebootAsync(DomainObj dom, DomainRun run) {
        Thread.ofVirtual().name("qemu-reboot-" + run.process().pid()).start(() -> {
            try {
                run.process().monitor().execute("system_reset");
                synchronized (dom) {
                    if (dom.run() != run) {
                        return;
                    }
                    DomainStateInfo st = dom.state();
                    dom.state(DomainState.RUNNING,
                            st.state() == DomainState.CRASHED ? Reasons.RUNNING_CRASHED : Reasons.RUNNING_BOOTED);
                    run.gotShutdown(false);
                    run.fakeReboot(false); // pausedShutdown ends with the RESUME of the cont below (MonitorEvents)
                }
                run.ownCommand("cont");
                ctx.writeStatus(dom);
            } catch (RuntimeException e) {
                System.getLogger(RunEnd.class.getName()).log(System.Logger.Level.WARNING,
                        "reboot of " + dom.name() + " failed, killing it: " + e.getMessage());
                run.process().terminate(TERM_GRACE);
            }
        });
    }
}
