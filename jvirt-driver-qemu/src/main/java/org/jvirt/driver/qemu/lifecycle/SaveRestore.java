package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.value.Uuids;

/**
 * Save and restore (virDomainSave/Restore, managed save). QEMU's migration stream goes over a unix socket in the
 * domain's runtime directory, with this JVM at the other end copying it to or from the image file: no shell,
 * no file descriptor passing, and QEMU 7.2 has no file: migration yet.
 */
public final class SaveRestore {

    static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(10);

    private final DriverContext ctx;
    private final Starter starter;
    private final RunEnd end;
    private final MigrationJobs jobs;

    SaveRestore(DriverContext ctx, Starter starter, RunEnd end, MigrationJobs jobs) {
        this.ctx = ctx;
        this.starter = starter;
        this.end = end;
        this.jobs = jobs;
    }

    /** virDomainSaveFlags: writes the guest's state and definition to {@code path}, then stops it. */
    public void save(DomainObj dom, Path path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        dom.beginJob("save");
        try {
            saveLocked(dom, path, dxml);
        } finally {
            dom.endJob();
        }
    }

    /** virDomainManagedSave: a save to the driver's own place, which the next start restores. */
    public void managedSave(DomainObj dom, Set<DomainSaveRestoreFlag> flags) {
        dom.beginJob("managed save");
        try {
            if (!dom.persistent()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "cannot do managed save for transient domain");
            }
            Path p = ctx.store().managedSavePath(dom.name());
            try {
                Files.createDirectories(p.getParent());
            } catch (IOException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot create '%s': %s",
                        p.getParent(), e.getMessage());
            }
            saveLocked(dom, p, null);
        } finally {
            dom.endJob();
        }
    }

    private void saveLocked(DomainObj dom, Path path, String dxml) {
        DomainRun run = dom.requireRun();
        DomainXml def = DomainXml.parse(dxml != null ? dxml : run.liveDef().toXml());
        if (dxml != null && (!def.name().equals(dom.name()) || !dom.uuid().equals(def.uuid()))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "cannot change name or uuid of domain '%s' in a save image", dom.name());
        }
        def.id(null);
        boolean wasRunning;
        synchronized (dom) {
            wasRunning = dom.state().state() == DomainState.RUNNING;
            if (wasRunning) {
                dom.state(DomainState.PAUSED, Reasons.PAUSED_SAVE); // before 'stop': no SUSPENDED event
            }
        }
        QmpMonitor mon = run.process().monitor();
        Path sock = run.runDir().resolve("save.sock");
        boolean done = false;
        MigrationJobs.Out saveJob = null;
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            if (wasRunning) {
                run.ownCommand("stop");
            }
            long offset = SaveImage.writeHeader(file, def.toXml(), wasRunning);
            CompletableFuture<String> status = migrationStatus(mon);
            Files.deleteIfExists(sock);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(sock));
                ObjectNode args = QemuJson.mapper().createObjectNode().put("uri", "unix:" + sock);
                saveJob = jobs.beginLocal(dom, run); // job info and abort see the save from here on
                mon.execute("migrate", args);
                try (SocketChannel in = server.accept()) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(1 << 20);
                    long pos = offset;
                    while (in.read(b) >= 0) {
                        b.flip();
                        while (b.hasRemaining()) {
                            pos += file.write(b, pos);
                        }
                        b.clear();
                    }
                }
            }
            awaitCompleted(status, "domain save");
            SaveImage.markComplete(file);
            done = true;
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "failed to write '%s': %s", path,
                    e.getMessage());
        } finally {
            jobs.endLocal(dom, saveJob);
            try {
                Files.deleteIfExists(sock);
            } catch (IOException ignored) {
                // inside the runtime directory, which goes when the domain stops
            }
            if (!done) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a partial image is marked as such and never restores
                }
                if (wasRunning && dom.run() == run) {
                    try {
                        run.ownCommand("cont");
                        synchronized (dom) {
                            dom.state(DomainState.RUNNING, 7); // VIR_DOMAIN_RUNNING_SAVE_CANCELED
                        }
                    } catch (RuntimeException ignored) {
                        // the original error is reported
                    }
                }
            }
        }
        run.stopCause(DomainRun.StopCause.SAVED);
        end.kill(run, RunEnd.TERM_GRACE, false);
    }

    /** virDomainRestoreFlags: starts a domain from a save image; a domain not defined here comes back transient. */
    public DomainRef restore(Path path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        SaveImage img = SaveImage.read(path);
        DomainXml def = DomainXml.parse(dxml != null ? dxml : img.xml());
        if (def.uuid() == null) {
            def.uuid(Uuids.generate());
        }
        DomainObj dom;
        boolean added = false;
        synchronized (ctx.store()) {
            dom = ctx.store().checkUnique(def);
            if (dom == null) {
                dom = new DomainObj(def, false);
                ctx.store().add(dom);
                added = true;
            }
        }
        dom.beginJob("restore");
        try {
            if (dom.isActive()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "domain '%s' is already active", dom.name());
            }
            restoreLocked(dom, path, img, def, paused(img, flags));
            return dom.ref();
        } catch (RuntimeException e) {
            if (added) {
                ctx.store().remove(dom);
            }
            throw e;
        } finally {
            dom.endJob();
        }
    }

    /** Starts from the managed save image; the caller holds the job. The image goes once it restored. */
    void restoreManagedSave(DomainObj dom, boolean startPaused) {
        Path p = ctx.store().managedSavePath(dom.name());
        SaveImage img = SaveImage.read(p);
        DomainXml def = DomainXml.parse(img.xml());
        restoreLocked(dom, p, img, def, startPaused || !img.wasRunning());
        AtomicFiles.delete(p);
    }

    private static boolean paused(SaveImage img, Set<DomainSaveRestoreFlag> flags) {
        if (flags.contains(DomainSaveRestoreFlag.RUNNING) && flags.contains(DomainSaveRestoreFlag.PAUSED)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
        }
        if (flags.contains(DomainSaveRestoreFlag.RUNNING)) {
            return false;
        }
        return flags.contains(DomainSaveRestoreFlag.PAUSED) || !img.wasRunning();
    }

    private void restoreLocked(DomainObj dom, Path path, SaveImage img, DomainXml def, boolean paused) {
        Starter.Incoming feed = run -> feed(run, path, img.dataOffset());
        starter.start(dom, new Starter.How(paused, feed, Reasons.RUNNING_RESTORED, Reasons.STARTED_RESTORED, def,
                true));
    }

    /** Streams the image into a QEMU waiting with {@code -incoming defer}. */
    private void feed(DomainRun run, Path path, long offset) {
        QmpMonitor mon = run.process().monitor();
        Path sock = run.runDir().resolve("restore.sock");
        CompletableFuture<String> status = migrationStatus(mon);
        mon.execute("migrate-incoming", QemuJson.mapper().createObjectNode().put("uri", "unix:" + sock));
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
                SocketChannel out = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            out.connect(UnixDomainSocketAddress.of(sock)); // QEMU listens once migrate-incoming has returned
            long pos = offset;
            long size = file.size();
            while (pos < size) {
                pos += file.transferTo(pos, size - pos, out);
            }
            out.shutdownOutput();
            awaitCompleted(status, "migration in");
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "failed to restore from '%s': %s", path, e.getMessage());
        }
    }

    /** Completes with the final migration status from QEMU's MIGRATION events (enabled here). */
    static CompletableFuture<String> migrationStatus(QmpMonitor mon) {
        ObjectNode cap = QemuJson.mapper().createObjectNode();
        cap.putArray("capabilities").addObject().put("capability", "events").put("state", true);
        mon.execute("migrate-set-capabilities", cap);
        CompletableFuture<String> f = new CompletableFuture<>();
        AutoCloseable[] reg = new AutoCloseable[1];
        reg[0] = mon.addListener(new org.jvirt.driver.qemu.monitor.QmpEventListener() {
            @Override
            public void onEvent(org.jvirt.driver.qemu.monitor.QmpEvent e) {
                if (e.name().equals("MIGRATION")) {
                    String s = e.text("status");
                    if (s.equals("completed") || s.equals("failed") || s.equals("cancelled")) {
                        f.complete(s);
                    }
                }
            }

            @Override
            public void onClose(VirtException cause) {
                f.completeExceptionally(cause);
            }
        });
        f.whenComplete((s, e) -> {
            try {
                reg[0].close();
            } catch (Exception ignored) {
                // removing a listener cannot fail
            }
        });
        return f;
    }

    private static void awaitCompleted(CompletableFuture<String> status, String job) {
        String s;
        try {
            s = status.get(MIGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' failed: %s", job,
                    c.getMessage());
        }
        if (s.equals("cancelled")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "job '%s' canceled by client",
                    job);
        }
        if (!s.equals("completed")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' %s", job, s);
        }
    }
}
