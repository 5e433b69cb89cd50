package org.jvirt.driver.qemu.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.driver.qemu.command.BuildOptions;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.command.RuntimeLayout;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.firmware.FirmwareSelector;
import org.jvirt.driver.qemu.firmware.Nvram;
import org.jvirt.driver.qemu.process.QemuLaunch;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.event.DomainEventType;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * Starts a domain's qemu (libvirt's qemuProcessStart): the live definition is a copy of the config with id,
 * emulator, device aliases and ports filled in; QEMU always starts with its CPUs stopped (-S) so that the driver
 * is connected and has written the status file before the guest runs a single instruction. A start that fails
 * at any step leaves no process, no runtime directory and no status file behind.
 */
final class Starter {

    /** How long QEMU may take to open its monitor socket. */
    static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(30);

    /** Feeds a migration stream into a QEMU started with {@code -incoming defer} (restore). */
    @FunctionalInterface
    interface Incoming {
        void feed(DomainRun run);
    }

    /**
     * @param paused        leave the CPUs stopped
     * @param incoming      a saved state to load first, or null to boot
     * @param runningReason the running reason when the CPUs start (booted, restored)
     * @param startedDetail the STARTED event's detail (booted, restored)
     * @param def           the definition to run instead of the domain's own (a save image's), or null
     * @param migrationIn   start QEMU with {@code -incoming defer}: {@code incoming} feeds a migration stream
     */
    record How(boolean paused, Incoming incoming, int runningReason, int startedDetail, DomainXml def,
            boolean migrationIn) {
        static final How BOOT = new How(false, null, Reasons.RUNNING_BOOTED, Reasons.STARTED_BOOTED, null, false);
        static final How BOOT_PAUSED = new How(true, null, Reasons.RUNNING_BOOTED, Reasons.STARTED_BOOTED, null,
                false);
    }

    private final DriverContext ctx;
    private final RunEnd end;

    Starter(DriverContext ctx, RunEnd end) {
        this.ctx = ctx;
        this.end = end;
    }

    /** The emulator and its capabilities for a definition; a binary that is not QEMU fails here. */
    QemuCaps capsFor(DomainXml def) {
        Path binary = def.devices().emulator() != null ? Path.of(def.devices().emulator())
                : ctx.binaryFor(def.os().arch());
        return ctx.capsOf(binary);
    }

    /** What the command builder refuses, checked without starting anything (define time). */
    QemuCommand dryRun(DomainXml def) {
        DomainXml copy = DomainXml.parse(def.toXml());
        VolumeDisks.placeholders(copy);
        QemuCaps caps = capsFor(copy);
        try {
            chooseFirmware(copy, caps);
        } catch (VirtException e) {
            if (e.error().code() != ErrorNumber.OPERATION_FAILED.code()) {
                throw e;
            }
            // as libvirt: a firmware that is not installed is a start-time error, not a define-time one
            copy.os().firmware(null);
        }
        RuntimeLayout layout = new RuntimeLayout(ctx.runDir().resolve("d-0-dryrun"), ctx.logDir());
        return QemuCommandBuilder.build(copy, caps, layout, new BuildOptions(ctx.kvm(), true, () -> 5900,
                ctx.conf().spiceTlsDir(), ctx.conf().nbdTls()));
    }

    /** Starts the domain's current definition; the caller holds its job. */
    DomainRun start(DomainObj dom, How how) {
        DomainXml live = DomainXml.parse((how.def() != null ? how.def() : dom.def()).toXml());
        QemuCaps caps = capsFor(live);
        VolumeDisks.resolve(live, ctx.hostDrivers().uri("storage"));
        checkStorage(live);
        chooseFirmware(live, caps);
        Nvram.prepare(live, false);
        int id = ctx.store().nextId();
        Path runDir = ctx.runDir().resolve("d-" + id + "-" + dom.uuid().toString().substring(0, 8));
        RuntimeLayout layout = new RuntimeLayout(runDir, ctx.logDir());
        org.jvirt.driver.qemu.device.NetworkPortPlug.allocateAll(ctx.networkUri(), live);
        QemuCommand cmd;
        try {
            cmd = QemuCommandBuilder.build(live, caps, layout, new BuildOptions(ctx.kvm(), true, ctx.vncPorts(),
                    ctx.conf().spiceTlsDir(), ctx.conf().nbdTls()));
        } catch (RuntimeException e) {
            org.jvirt.driver.qemu.device.NetworkPortPlug.releaseAll(ctx.networkUri(), live);
            throw e;
        }
        live.id(id);
        if (live.devices().emulator() == null) {
            live.devices().emulator(cmd.binary().toString());
        }
        // the builder wrote the display ports it chose into the live definition
        List<String> args = new ArrayList<>(cmd.args());
        if (how.migrationIn()) {
            args.add("-incoming");
            args.add("defer");
        }
        QemuProcess proc;
        try {
            Files.createDirectories(ctx.runDir());
            Files.createDirectories(runDir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(ctx.logDir());
            org.jvirt.driver.qemu.chardev.ChardevHost.prepare(live); // libvirt's errors before any QEMU runs
            org.jvirt.driver.qemu.device.Taps.createAll(cmd.taps()); // QEMU opens them by name
            org.jvirt.driver.qemu.device.FilterBindings.createAll(ctx.hostDrivers().uri("nwfilter"), live);
            org.jvirt.driver.qemu.device.TpmEmulators.start(live, layout, ctx.stateDir(), ctx.logDir(),
                    ctx.hostDrivers().uri("secret"));
            org.jvirt.driver.qemu.device.VirtiofsDaemons.start(live, layout, ctx.logDir());
            org.jvirt.driver.qemu.hostdev.HostdevPrepare.host().prepare(live, ctx.hostDrivers().uri("nodedev"));
            org.jvirt.driver.qemu.secret.SecretFiles.write(live, runDir, ctx.hostDrivers().uri("secret"),
                    d -> org.jvirt.driver.qemu.command.SecretArgs.of(d, d.alias(), ctx.conf().nbdTls()));
            proc = QemuProcess.start(new QemuLaunch(cmd.binary(), args, cmd.env(), runDir,
                    layout.logFile(live.name()), layout.pidFile(), layout.monitorSocket(), false), MONITOR_TIMEOUT);
            org.jvirt.driver.qemu.secret.SecretFiles.remove(runDir); // QEMU has read them: it answers its monitor
        } catch (IOException | RuntimeException e) {
            org.jvirt.driver.qemu.device.TpmEmulators.stop(runDir);
            org.jvirt.driver.qemu.device.VirtiofsDaemons.stop(runDir);
            AtomicFiles.deleteTree(runDir);
            ctx.vncPorts().release(cmd.vncPort());
            org.jvirt.driver.qemu.command.GraphicsPorts.of(live).forEach(ctx.vncPorts()::release);
            org.jvirt.driver.qemu.device.FilterBindings.deleteAll(ctx.hostDrivers().uri("nwfilter"), live);
            cmd.taps().forEach(t -> org.jvirt.driver.qemu.device.Taps.delete(t.ifname()));
            org.jvirt.driver.qemu.device.NetworkPortPlug.releaseAll(ctx.networkUri(), live);
            org.jvirt.driver.qemu.hostdev.HostdevPrepare.host().release(live, ctx.hostDrivers().uri("nodedev"));
            if (e instanceof IOException io) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                        "cannot create directory '%s': %s", runDir, io.getMessage());
            }
            throw (RuntimeException) e;
        }
        DomainRun run = new DomainRun(id, proc, runDir, live, cmd.vncPort());
        synchronized (dom) {
            dom.run(run);
            dom.state(DomainState.PAUSED, Reasons.PAUSED_STARTING_UP);
        }
        proc.monitor().addListener(new MonitorEvents(ctx, end, dom, run));
        try {
            org.jvirt.driver.qemu.chardev.ChardevState.refresh(dom, run);
            ctx.writeStatus(dom);
            org.jvirt.driver.qemu.display.VncPassword.apply(run);
            org.jvirt.driver.qemu.device.BalloonStats.apply(run);
            org.jvirt.driver.qemu.device.LinkStates.applyAtStart(run);
            org.jvirt.driver.qemu.device.IOThreads.applyPinsAtStart(run);
            if (how.incoming() != null) {
                how.incoming().feed(run);
            }
            if (how.paused()) {
                synchronized (dom) {
                    // an incoming migration waits, paused, for its Finish step (libvirt: PAUSED/MIGRATION)
                    dom.state(DomainState.PAUSED, how.startedDetail() == Reasons.STARTED_MIGRATED
                            ? Reasons.PAUSED_MIGRATION : Reasons.PAUSED_USER);
                }
            } else {
                synchronized (dom) {
                    // set before 'cont', so the RESUME event finds it done and raises nothing
                    dom.state(DomainState.RUNNING, how.runningReason());
                }
                run.ownCommand("cont");
            }
            ctx.writeStatus(dom);
        } catch (RuntimeException e) {
            throw failed(dom, run, e);
        }
        end.watch(dom, run);
        ctx.events().lifecycle(dom.ref(), DomainEventType.STARTED, how.startedDetail());
        if (how.paused() && how.startedDetail() != Reasons.STARTED_MIGRATED) {
            ctx.events().lifecycle(dom.ref(), DomainEventType.SUSPENDED,
                    how.migrationIn() ? Reasons.SUSPENDED_RESTORED : Reasons.SUSPENDED_PAUSED);
        }
        return run;
    }

    /** Ends a half-started qemu and says why it failed, with QEMU's own words when it died by itself. */
    private RuntimeException failed(DomainObj dom, DomainRun run, RuntimeException cause) {
        boolean diedByItself = !run.process().isAlive();
        run.stopCause(DomainRun.StopCause.START_FAILED);
        end.watch(dom, run);
        run.process().terminate(Duration.ofSeconds(5));
        try {
            run.stopped().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the exit handler cleans up; if it is late the caller still gets the real error
        }
        if (diedByItself) {
            return VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "qemu unexpectedly closed the monitor: %s", run.process().logTail(4096).strip());
        }
        return cause;
    }

    /** Checks the firmware request and fills in the chosen firmware (libvirt's qemuFirmwareFillDomain). */
    private void chooseFirmware(DomainXml def, QemuCaps caps) {
        FirmwareSelector.prepare(def, caps, ctx.firmware(), ctx.nvramDir());
    }

    /** libvirt checks that disk sources exist before QEMU gets to fail on them less clearly. */
    private static void checkStorage(DomainXml def) {
        for (DiskXml d : def.devices().disks()) {
            if (d.source() instanceof DiskSource.File f && f.path() != null && !Files.exists(Path.of(f.path()))) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                        "Cannot access storage file '%s': No such file or directory", f.path());
            }
            if (d.source() instanceof DiskSource.Block b && b.dev() != null && !Files.exists(Path.of(b.dev()))) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                        "Cannot access storage file '%s': No such file or directory", b.dev());
            }
        }
    }
}
