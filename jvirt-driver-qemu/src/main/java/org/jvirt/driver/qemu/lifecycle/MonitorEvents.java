package org.jvirt.driver.qemu.lifecycle;

import org.jvirt.DomainState;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpEventListener;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventType;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.LifecycleAction;

/**
 * Turns one run's QMP events into libvirt's states, reasons and events (qemu_process.c's qemuProcessHandle*),
 * and carries out the domain's on_poweroff/on_crash actions. A state change happens once whoever sees it first
 * makes it: the API call that asked for it (suspend, resume) or this handler, so events are never doubled.
 * Runs on the monitor's event thread; anything slow is handed to a virtual thread.
 */
final class MonitorEvents implements QmpEventListener {

    /** VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED / _DISCONNECTED, _REASON_CHANNEL. */
    static final int AGENT_CONNECTED = 1;
    static final int AGENT_DISCONNECTED = 2;
    static final int AGENT_REASON_CHANNEL = 2;

    private final DriverContext ctx;
    private final RunEnd end;
    private final DomainObj dom;
    private final DomainRun run;

    MonitorEvents(DriverContext ctx, RunEnd end, DomainObj dom, DomainRun run) {
        this.ctx = ctx;
        this.end = end;
        this.dom = dom;
        this.run = run;
    }

    @Override
    public void onEvent(QmpEvent e) {
        if (ctx.isClosed()) {
            return;
        }
        switch (e.name()) {
            case "SHUTDOWN" -> shutdown(e);
            case "STOP" -> stop();
            case "RESUME" -> resume();
            case "RESET" -> emit(new DomainEvent.Reboot());
            case "GUEST_PANICKED" -> panicked();
            case "BALLOON_CHANGE" -> {
                long kib = e.data().path("actual").asLong() / 1024;
                run.balloonActualKiB(kib);
                emit(new DomainEvent.BalloonChange(kib));
            }
            // the removal (and its DEVICE_REMOVED event) is finished by whoever holds the domain's job
            case "DEVICE_DELETED" -> org.jvirt.driver.qemu.device.Unplug.onDeviceDeleted(ctx, dom, run,
                    e.data().path("device").asText(null));
            case "DEVICE_TRAY_MOVED" -> org.jvirt.driver.qemu.device.MediaChange.onTrayMoved(ctx, dom, run, e);
            case "BLOCK_IO_ERROR" -> ioError(e);
            case "VSERPORT_CHANGE" -> portChange(e);
            default -> {
                // POWERDOWN, RTC_CHANGE, NIC_RX_FILTER_CHANGED...: nothing a client of this driver sees
            }
        }
    }

    @Override
    public void onClose(VirtException cause) {
        // the process's end is what counts, and it is watched separately (RunEnd)
    }

    /** A guest opened or closed a virtio port: the channel's state, and for the agent's channel an event. */
    private void portChange(QmpEvent e) {
        boolean open = e.data().path("open").asBoolean();
        var channel = org.jvirt.driver.qemu.chardev.ChardevState.onPortChange(dom, run, e.text("id"), open);
        if (channel == null) {
            return;
        }
        if (org.jvirt.driver.qemu.chardev.CharDevices.AGENT_CHANNEL.equals(channel.targetName())) {
            emit(new DomainEvent.AgentLifecycle(open ? AGENT_CONNECTED : AGENT_DISCONNECTED, AGENT_REASON_CHANNEL));
        }
        try {
            ctx.writeStatus(dom);
        } catch (RuntimeException ex) {
            System.getLogger(MonitorEvents.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot write status of " + dom.name() + ": " + ex.getMessage());
        }
    }

    private void emit(DomainEvent ev) {
        ctx.events().emit(dom.ref(), ev);
    }

    private void shutdown(QmpEvent e) {
        boolean guest = e.data().path("guest").asBoolean(false);
        boolean hasGuestFlag = e.data().has("guest");
        DomainRef ref;
        boolean reboot;
        synchronized (dom) {
            if (dom.run() != run) {
                return;
            }
            if (dom.state().state() == DomainState.SHUTDOWN) {
                return; // repeated: e.g. the SIGTERM that carries out on_poweroff makes QEMU report one more
            }
            run.gotShutdown(true);
            if (run.stopCause() != null) {
                return; // being destroyed or saved: SIGTERM makes QEMU report a host shutdown first
            }
            run.pausedShutdown(true);
            reboot = run.fakeReboot() || (run.liveDef().onPoweroff() == LifecycleAction.RESTART);
            ref = dom.ref();
            if (!run.fakeReboot()) {
                dom.state(DomainState.SHUTDOWN, Reasons.SHUTDOWN_USER);
            }
        }
        run.shutdownDeadline(0);
        if (!run.fakeReboot()) {
            int detail = !hasGuestFlag ? Reasons.SHUTDOWN_FINISHED
                    : guest ? Reasons.SHUTDOWN_GUEST : Reasons.SHUTDOWN_HOST;
            ctx.events().lifecycle(ref, DomainEventType.SHUTDOWN, detail);
        }
        writeStatus();
        if (reboot) {
            end.fakeRebootAsync(dom, run);
        } else {
            // on_poweroff destroy (and preserve, which libvirt's QEMU driver treats the same): QEMU waits,
            // paused, because of -no-shutdown; the driver ends it
            end.killAsync(run);
        }
    }

    private void stop() {
        DomainRef ref;
        int detail;
        synchronized (dom) {
            if (dom.run() != run) {
                return;
            }
            int reason = run.pausedReason();
            run.pausedReason(Reasons.PAUSED_UNKNOWN);
            if (run.consumeOwn("STOP")) {
                return; // the driver's own stop: the call made the state change
            }
            // a stop that is part of a shutdown or reboot is not shown as a pause
            if (dom.state().state() != DomainState.RUNNING || run.pausedShutdown()) {
                return;
            }
            dom.state(DomainState.PAUSED, reason);
            detail = reason == Reasons.PAUSED_IOERROR ? Reasons.SUSPENDED_IOERROR
                    : reason == Reasons.PAUSED_MIGRATION ? Reasons.SUSPENDED_MIGRATED : Reasons.SUSPENDED_PAUSED;
            ref = dom.ref();
        }
        ctx.events().lifecycle(ref, DomainEventType.SUSPENDED, detail);
        writeStatus();
    }

    private void resume() {
        DomainRef ref;
        synchronized (dom) {
            if (dom.run() != run) {
                return;
            }
            if (run.consumeOwn("RESUME")) {
                // the driver's own cont; after a reboot's reset it also ends the pause the shutdown began: only
                // now, since the STOP that followed the SHUTDOWN may be handled after the reset returned
                run.pausedShutdown(false);
                return;
            }
            if (dom.state().state() != DomainState.PAUSED) {
                return;
            }
            dom.state(DomainState.RUNNING, Reasons.RUNNING_UNPAUSED);
            ref = dom.ref();
        }
        ctx.events().lifecycle(ref, DomainEventType.RESUMED, Reasons.RESUMED_UNPAUSED);
        writeStatus();
    }

    private void panicked() {
        DomainRef ref;
        LifecycleAction action;
        synchronized (dom) {
            if (dom.run() != run || run.stopCause() != null) {
                return;
            }
            dom.state(DomainState.CRASHED, Reasons.CRASHED_PANICKED);
            ref = dom.ref();
            action = run.liveDef().onCrash() == null ? LifecycleAction.DESTROY : run.liveDef().onCrash();
        }
        ctx.events().lifecycle(ref, DomainEventType.CRASHED, Reasons.CRASHED_EVENT_PANICKED);
        writeStatus();
        switch (action) {
            case DESTROY -> {
                run.stopCause(DomainRun.StopCause.CRASHED);
                end.killAsync(run);
            }
            case RESTART, RENAME_RESTART -> end.fakeRebootAsync(dom, run);
            case COREDUMP_DESTROY, COREDUMP_RESTART -> Thread.ofVirtual().name("qemu-crashdump-" + dom.name())
                    .start(() -> {
                        CrashDump.write(ctx, dom, run);
                        if (action == LifecycleAction.COREDUMP_RESTART) {
                            end.fakeRebootAsync(dom, run);
                        } else {
                            run.stopCause(DomainRun.StopCause.CRASHED);
                            end.killAsync(run);
                        }
                    });
            default -> {
                // preserve: leave it crashed (QEMU holds it paused) for inspection
            }
        }
    }

    private void ioError(QmpEvent e) {
        // with werror=stop QEMU pauses after this event: the STOP that follows is an I/O error pause
        if ("stop".equals(e.text("action"))) {
            run.pausedReason(Reasons.PAUSED_IOERROR);
        }
    }

    private void writeStatus() {
        try {
            ctx.writeStatus(dom);
        } catch (RuntimeException ex) {
            System.getLogger(MonitorEvents.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot write status of " + dom.name() + ": " + ex.getMessage());
        }
    }
}
