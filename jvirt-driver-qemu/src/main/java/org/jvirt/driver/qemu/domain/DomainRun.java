package org.jvirt.driver.qemu.domain;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.xml.domain.DomainXml;

/**
 * One running instance of a domain: its qemu, the live definition it was started from (with id, aliases and
 * ports filled in), and what the driver has learnt about it from QMP that decides how its end is reported.
 */
public final class DomainRun {

    /** Why the driver itself ended the process; null while nobody asked it to stop. */
    public enum StopCause {
        /** virDomainDestroy: SHUTOFF/DESTROYED, event STOPPED/DESTROYED. */
        DESTROYED,
        /** save or managed save: SHUTOFF/SAVED, event STOPPED/SAVED. */
        SAVED,
        /** on_crash=destroy after a guest panic: SHUTOFF/CRASHED, event STOPPED/CRASHED. */
        CRASHED,
        /** the start failed half way: SHUTOFF/FAILED, no stop event (no start event was sent). */
        START_FAILED,
        /** the driver could not take the guest back after a restart: SHUTOFF/DAEMON. */
        DAEMON,
        /** the guest now runs on another host: SHUTOFF/MIGRATED, event STOPPED/MIGRATED. */
        MIGRATED,
        /** an incoming migration did not complete: SHUTOFF/FAILED, event STOPPED/FAILED. */
        MIGRATION_FAILED
    }

    private final int id;
    private final QemuProcess process;
    private final Path runDir;
    private final DomainXml liveDef;
    private final int vncPort;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean gotShutdown;
    private volatile boolean pausedShutdown;
    private volatile boolean fakeReboot;
    private volatile StopCause stopCause;
    private volatile int pausedReason;
    private volatile long balloonActualKiB = -1;
    private volatile long shutdownDeadline;

    public DomainRun(int id, QemuProcess process, Path runDir, DomainXml liveDef, int vncPort) {
        this.id = id;
        this.process = process;
        this.runDir = runDir;
        this.liveDef = liveDef;
        this.vncPort = vncPort;
    }

    private final java.util.concurrent.atomic.AtomicInteger ownStops = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger ownResumes = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Runs a QMP {@code stop} or {@code cont} of the driver's own. The driver then makes the state change itself,
     * so the STOP or RESUME event it causes must change nothing: the event thread may deliver it late, after a
     * later call already changed the state again. Counted here, and skipped by the event handler.
     */
    public void ownCommand(String command) {
        java.util.concurrent.atomic.AtomicInteger n = command.equals("stop") ? ownStops : ownResumes;
        n.incrementAndGet();
        try {
            process.monitor().execute(command);
        } catch (RuntimeException e) {
            n.decrementAndGet(); // no event will come
            throw e;
        }
    }

    /** True (once per command) when a STOP or RESUME event answers one of {@link #ownCommand}'s. */
    public boolean consumeOwn(String event) {
        java.util.concurrent.atomic.AtomicInteger n = event.equals("STOP") ? ownStops : ownResumes;
        return n.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }

    public int id() {
        return id;
    }

    public QemuProcess process() {
        return process;
    }

    public Path runDir() {
        return runDir;
    }

    /** The definition this instance runs (live XML); it belongs to the run and changes with hot-plug. */
    public DomainXml liveDef() {
        return liveDef;
    }

    public int vncPort() {
        return vncPort;
    }

    /** Completes once the exit was handled: state, events, files. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** QEMU sent SHUTDOWN: an exit that follows is a shutdown, not a crash (libvirt's gotShutdown). */
    public boolean gotShutdown() {
        return gotShutdown;
    }

    public void gotShutdown(boolean v) {
        gotShutdown = v;
    }

    /** The CPUs stopped because of a shutdown: the STOP that follows is not a user pause. */
    public boolean pausedShutdown() {
        return pausedShutdown;
    }

    public void pausedShutdown(boolean v) {
        pausedShutdown = v;
    }

    /** The next guest shutdown is the first half of a reboot (ACPI reboot, on_poweroff=restart). */
    public boolean fakeReboot() {
        return fakeReboot;
    }

    public void fakeReboot(boolean v) {
        fakeReboot = v;
    }

    public StopCause stopCause() {
        return stopCause;
    }

    public void stopCause(StopCause c) {
        stopCause = c;
    }

    /** The paused reason the next STOP event stands for (libvirt's priv->pausedReason). */
    public int pausedReason() {
        return pausedReason;
    }

    public void pausedReason(int r) {
        pausedReason = r;
    }

    /** The balloon's size as QEMU last reported it (BALLOON_CHANGE), or -1. */
    public long balloonActualKiB() {
        return balloonActualKiB;
    }

    public void balloonActualKiB(long kib) {
        balloonActualKiB = kib;
    }

    /** Until when an ACPI shutdown request is repeated (System.nanoTime), 0 when none is pending. */
    public long shutdownDeadline() {
        return shutdownDeadline;
    }

    public void shutdownDeadline(long t) {
        shutdownDeadline = t;
    }
}
