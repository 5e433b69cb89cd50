package org.jvirt.driver.qemu.lifecycle;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDestroyFlag;
import org.jvirt.flags.DomainRebootFlag;
import org.jvirt.flags.DomainShutdownFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.LifecycleAction;

/**
 * The lifecycle entry points on one domain: start, destroy, shutdown, reboot, reset, suspend, resume. Each
 * holds the domain's job for its duration; the state changes and events they cause are made exactly once,
 * whether the call or the QMP event gets there first.
 */
public final class Lifecycle {

    /** How long an ACPI shutdown or reboot keeps pressing the button (a press before the guest is ready is lost). */
    public static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(60);
    /** How often the button is pressed again. */
    public static final Duration PRESS_INTERVAL = Duration.ofSeconds(3);

    private final DriverContext ctx;
    private final RunEnd end;
    private final Starter starter;
    private final SaveRestore saves;
    private final Snapshots snapshots;
    private final Migrations migrations;
    private final CoreDumps dumps;
    private final org.jvirt.driver.qemu.agent.GuestAgent agent = new org.jvirt.driver.qemu.agent.GuestAgent();

    public Lifecycle(DriverContext ctx) {
        this.ctx = ctx;
        this.end = new RunEnd(ctx);
        this.starter = new Starter(ctx, end);
        MigrationJobs jobs = new MigrationJobs(); // migrations and saves: QEMU migrations both
        this.saves = new SaveRestore(ctx, starter, end, jobs);
        this.snapshots = new Snapshots(ctx, starter, end);
        this.migrations = new Migrations(ctx, starter, end, jobs);
        this.dumps = new CoreDumps(ctx, end);
    }

    /** virDomainCoreDump and its format variant. */
    public CoreDumps dumps() {
        return dumps;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    /** At driver start: take back running guests, then start the autostart ones that are not running. */
    public void reconnectAndAutostart() {
        new Reconnect(ctx, end).all();
        for (DomainObj d : ctx.store().all()) {
            if (d.persistent() && d.autostart() && !d.isActive()) {
                try {
                    create(d, Set.of());
                } catch (RuntimeException e) {
                    System.getLogger(Lifecycle.class.getName()).log(System.Logger.Level.WARNING,
                            "Failed to autostart VM '" + d.name() + "': " + e.getMessage());
                }
            }
        }
    }

    public Migrations migrations() {
        return migrations;
    }

    public SaveRestore saves() {
        return saves;
    }

    RunEnd end() {
        return end;
    }

    /** Define-time validation: what the command-line builder would refuse. */
    public void validate(DomainXml def) {
        starter.dryRun(def);
    }

    /** The command line a definition would start with, nothing started (autoport shows as 5900, as libvirt's). */
    public org.jvirt.driver.qemu.command.QemuCommand pretend(DomainXml def) {
        return starter.dryRun(def);
    }

    /** virDomainCreateWithFlags: boots the domain, or restores its managed save image. */
    public DomainRef create(DomainObj dom, Set<DomainCreateFlag> flags) {
        dom.beginJob("start");
        try {
            if (dom.isActive()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "domain is already running");
            }
            boolean paused = flags.contains(DomainCreateFlag.START_PAUSED);
            if (ctx.store().hasManagedSave(dom.name())) {
                if (flags.contains(DomainCreateFlag.START_FORCE_BOOT)) {
                    org.jvirt.driver.qemu.domain.AtomicFiles.delete(ctx.store().managedSavePath(dom.name()));
                } else {
                    saves.restoreManagedSave(dom, paused);
                    return dom.ref();
                }
            }
            if (flags.contains(DomainCreateFlag.START_RESET_NVRAM)) {
                org.jvirt.driver.qemu.firmware.Nvram.reset(dom.def(), ctx.nvramDir());
            }
            starter.start(dom, paused ? Starter.How.BOOT_PAUSED : Starter.How.BOOT);
            return dom.ref();
        } finally {
            dom.endJob();
        }
    }

    /** Starts a domain the caller has just added (createXML); a failed start removes a transient domain. */
    public DomainRef createNew(DomainObj dom, Set<DomainCreateFlag> flags) {
        dom.beginJob("start");
        try {
            if (flags.contains(DomainCreateFlag.START_RESET_NVRAM)) {
                org.jvirt.driver.qemu.firmware.Nvram.reset(dom.def(), ctx.nvramDir());
            }
            starter.start(dom, flags.contains(DomainCreateFlag.START_PAUSED) ? Starter.How.BOOT_PAUSED
                    : Starter.How.BOOT);
            return dom.ref();
        } catch (RuntimeException e) {
            if (!dom.persistent()) {
                ctx.store().remove(dom);
            } else if (dom.newDef() != null) {
                dom.def(dom.newDef());
                dom.newDef(null);
            }
            throw e;
        } finally {
            dom.endJob();
        }
    }

    /** virDomainDestroyFlags: SIGTERM, then SIGKILL (GRACEFUL: SIGTERM only). Returns when it is shut off. */
    public void destroy(DomainObj dom, Set<DomainDestroyFlag> flags) {
        dom.beginJob("destroy");
        try {
            DomainRun run = dom.requireRun();
            run.stopCause(DomainRun.StopCause.DESTROYED);
            boolean graceful = flags.contains(DomainDestroyFlag.GRACEFUL);
            if (!end.kill(run, RunEnd.TERM_GRACE, graceful)) {
                run.stopCause(null);
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                        "Failed to terminate process %d with SIGTERM: Device or resource busy",
                        run.process().pid());
            }
        } finally {
            dom.endJob();
        }
    }

    /** virDomainShutdownFlags: presses the ACPI power button, again and again until the guest reacts. */
    public void shutdown(DomainObj dom, Set<DomainShutdownFlag> flags) {
        checkPowerFlags(flags.stream().anyMatch(f -> f != DomainShutdownFlag.ACPI_POWER_BTN
                && f != DomainShutdownFlag.GUEST_AGENT), flags, "qemuDomainShutdownFlags");
        // libvirt: an agent shutdown of a guest whose on_poweroff restarts it asks the agent for a reboot
        LifecycleAction onPoweroff = dom.def().onPoweroff();
        boolean restart = onPoweroff == LifecycleAction.RESTART || onPoweroff == LifecycleAction.RENAME_RESTART;
        powerDown(dom, false, restart, flags.contains(DomainShutdownFlag.GUEST_AGENT),
                flags.contains(DomainShutdownFlag.ACPI_POWER_BTN), flags.isEmpty());
    }

    /** virDomainReboot: an ACPI shutdown that the driver turns into a reset when the guest has powered off. */
    public void reboot(DomainObj dom, Set<DomainRebootFlag> flags) {
        checkPowerFlags(flags.stream().anyMatch(f -> f != DomainRebootFlag.ACPI_POWER_BTN
                && f != DomainRebootFlag.GUEST_AGENT), flags, "qemuDomainReboot");
        powerDown(dom, true, true, flags.contains(DomainRebootFlag.GUEST_AGENT),
                flags.contains(DomainRebootFlag.ACPI_POWER_BTN), flags.isEmpty());
    }

    /**
     * libvirt's qemuDomainShutdownFlags / qemuDomainReboot: the guest agent when asked for, or by default when it
     * is connected; the ACPI button when asked for, by default, or when the agent failed and was not the only
     * method asked for.
     */
    private void powerDown(DomainObj dom, boolean reboot, boolean agentReboot, boolean agentRequested,
            boolean acpiRequested, boolean noFlags) {
        boolean useAgent = agentRequested || (noFlags && agent.isConnected(dom));
        boolean agentForced = agentRequested && !acpiRequested;
        if (useAgent) {
            try {
                dom.beginJob(reboot ? "reboot" : "shutdown");
                try {
                    com.fasterxml.jackson.databind.node.ObjectNode mode =
                            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                                    .put("mode", agentReboot ? "reboot" : "powerdown");
                    dom.requireRun().fakeReboot(false);
                    agent.sendOnly(dom, "guest-shutdown", mode);
                } finally {
                    dom.endJob();
                }
                return;
            } catch (VirtException e) {
                if (agentForced || !(acpiRequested || noFlags)) {
                    throw e;
                }
                if (!dom.isActive()) {
                    return; // the guest went away by itself meanwhile
                }
            }
        }
        powerButton(dom, reboot);
    }

    /** The guest agent of this driver's guests. */
    public org.jvirt.driver.qemu.agent.GuestAgent agent() {
        return agent;
    }

    private static void checkPowerFlags(boolean other, Set<?> flags, String function) {
        if (other) {
            int bits = 0;
            for (Object f : flags) {
                bits |= ((org.jvirt.BitFlag) f).bit();
            }
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function %s", bits, function);
        }
    }

    private void powerButton(DomainObj dom, boolean reboot) {
        dom.beginJob(reboot ? "reboot" : "shutdown");
        try {
            DomainRun run = dom.requireRun();
            run.fakeReboot(reboot);
            long deadline = System.nanoTime() + SHUTDOWN_DEADLINE.toNanos();
            boolean repeating = run.shutdownDeadline() != 0;
            run.shutdownDeadline(deadline);
            run.process().monitor().execute("system_powerdown");
            if (!repeating) {
                Thread.ofVirtual().name("acpi-" + dom.name()).start(() -> keepPressing(dom, run));
            }
        } finally {
            dom.endJob();
        }
    }

    /** Presses again every few seconds until QEMU reports a shutdown, the run ends, or the deadline passes. */
    private void keepPressing(DomainObj dom, DomainRun run) {
        while (true) {
            try {
                run.stopped().get(PRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                // not stopped yet: press again if still wanted
            } catch (Exception e) {
                return;
            }
            long deadline = run.shutdownDeadline();
            if (deadline == 0 || System.nanoTime() > deadline || run.gotShutdown() || ctx.isClosed()
                    || dom.run() != run) {
                run.shutdownDeadline(0);
                return;
            }
            try {
                run.process().monitor().execute("system_powerdown");
            } catch (RuntimeException e) {
                return; // the monitor is gone: the process is ending
            }
        }
    }

    /** virDomainReset: a hardware reset, no guest involvement. */
    public void reset(DomainObj dom) {
        dom.beginJob("reset");
        try {
            dom.requireRun().process().monitor().execute("system_reset");
        } finally {
            dom.endJob();
        }
    }

    /** virDomainSuspend: stops the vCPUs. */
    public void suspend(DomainObj dom) {
        dom.beginJob("suspend");
        try {
            DomainRun run = dom.requireRun();
            if (dom.state().state() == DomainState.PMSUSPENDED) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "domain is pmsuspended");
            }
            if (dom.state().state() == DomainState.PAUSED) {
                return;
            }
            run.pausedReason(Reasons.PAUSED_USER);
            run.ownCommand("stop");
            DomainRef ref = null;
            synchronized (dom) {
                if (dom.state().state() == DomainState.RUNNING) {
                    dom.state(DomainState.PAUSED, Reasons.PAUSED_USER);
                    ref = dom.ref();
                }
            }
            if (ref != null) {
                ctx.events().lifecycle(ref, DomainEventType.SUSPENDED, Reasons.SUSPENDED_PAUSED);
            }
            ctx.writeStatus(dom);
        } finally {
            dom.endJob();
        }
    }

    /** virDomainResume: lets the vCPUs run again. */
    public void resume(DomainObj dom) {
        dom.beginJob("resume");
        try {
            DomainRun run = dom.requireRun();
            DomainState s = dom.state().state();
            if (s == DomainState.PMSUSPENDED) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "domain is pmsuspended");
            }
            if (s != DomainState.PAUSED && s != DomainState.CRASHED) {
                return;
            }
            run.ownCommand("cont");
            DomainRef ref = null;
            synchronized (dom) {
                DomainState now = dom.state().state();
                if (now == DomainState.PAUSED || now == DomainState.CRASHED) {
                    dom.state(DomainState.RUNNING, Reasons.RUNNING_UNPAUSED);
                    ref = dom.ref();
                }
            }
            if (ref != null) {
                ctx.events().lifecycle(ref, DomainEventType.RESUMED, Reasons.RESUMED_UNPAUSED);
            }
            ctx.writeStatus(dom);
        } finally {
            dom.endJob();
        }
    }
}
