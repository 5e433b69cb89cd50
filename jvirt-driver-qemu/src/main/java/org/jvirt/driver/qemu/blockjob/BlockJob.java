package org.jvirt.driver.qemu.blockjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvirt.DomainBlockJobStatus;
import org.jvirt.DomainBlockJobType;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpEventListener;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;

/**
 * One running block job of a disk (libvirt's qemuBlockJobData): QEMU's job id, what it is, and what has to happen
 * when QEMU concludes it. It follows QEMU's JOB_STATUS_CHANGE events: "ready" shows {@code ready='yes'} on the
 * mirror and sends READY; "concluded" reads the job's error, dismisses it and finishes — a pivot switches the
 * disk to the new image, an abort drops the copy, a failure reports FAILED — and then sends the end event.
 */
final class BlockJob implements QmpEventListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(BlockJob.class.getName());

    /** What a job becomes when it concludes: a pivot, an abort, or its own end. */
    enum Ending { NATURAL, PIVOT, ABORT }

    final DriverContext ctx;
    final DomainObj dom;
    final DomainRun run;
    final DiskXml disk;
    final String id;
    final DomainBlockJobType type;
    /** The root node the disk had when the job started: the one a pivot leaves behind. */
    final String oldRoot;
    /** Copy: the destination (as a {@code <disk>}) and the nodes opened for it; active commit: the base. */
    volatile DiskXml mirror;
    volatile List<String> mirrorNodes = List.of();
    /** Images to delete once the job completed (commit with DELETE). */
    volatile List<String> deleteAfter = List.of();
    /** A file this job created and that must go if the job does not pivot onto it. */
    volatile Path createdFile;
    volatile boolean ready;
    volatile Ending ending = Ending.NATURAL;
    final CompletableFuture<DomainBlockJobStatus> ended = new CompletableFuture<>();
    private final Runnable onEnd;
    private volatile AutoCloseable registration;

    BlockJob(DriverContext ctx, DomainObj dom, DomainRun run, DiskXml disk, String id, DomainBlockJobType type,
             String oldRoot, Runnable onEnd) {
        this.ctx = ctx;
        this.dom = dom;
        this.run = run;
        this.disk = disk;
        this.id = id;
        this.type = type;
        this.oldRoot = oldRoot;
        this.onEnd = onEnd;
    }

    void listen() {
        registration = run.process().monitor().addListener(this);
    }

    QmpMonitor mon() {
        return run.process().monitor();
    }

    @Override
    public void onEvent(QmpEvent e) {
        if (!e.name().equals("JOB_STATUS_CHANGE") || !id.equals(e.text("id"))) {
            return;
        }
        switch (e.text("status")) {
            case "ready" -> {
                if (!ready) {
                    ready = true;
                    synchronized (dom) {
                        MirrorXml.ready(disk, "yes");
                    }
                    writeStatus();
                    emit(DomainBlockJobStatus.READY);
                }
            }
            // QMP may not be called from the monitor's event thread
            case "concluded" -> Thread.ofVirtual().name("blockjob-" + id).start(this::conclude);
            default -> {
            }
        }
    }

    @Override
    public void onClose(VirtException cause) {
        // QEMU went away: the job went with it; libvirt reports nothing more either
        finish();
        ended.complete(DomainBlockJobStatus.FAILED);
    }

    private void conclude() {
        String error = null;
        try {
            for (JsonNode j : mon().execute("query-jobs")) {
                if (id.equals(j.path("id").asText())) {
                    error = j.path("error").asText(null);
                }
            }
            mon().execute("job-dismiss", JSON.createObjectNode().put("id", id));
        } catch (RuntimeException ex) {
            error = ex.getMessage();
        }
        DomainBlockJobStatus status;
        if (ending == Ending.ABORT) {
            status = DomainBlockJobStatus.CANCELED;
            dropMirror();
        } else if (error != null) {
            LOG.log(System.Logger.Level.WARNING, "block job " + id + " of " + dom.name() + " failed: " + error);
            status = DomainBlockJobStatus.FAILED;
            dropMirror();
        } else if (ending == Ending.PIVOT) {
            status = DomainBlockJobStatus.COMPLETED;
            pivoted();
        } else {
            status = DomainBlockJobStatus.COMPLETED;
            deleteFiles(deleteAfter);
        }
        finish();
        writeStatus();
        emit(status);
        ended.complete(status);
    }

    /** The disk now reads the mirror's image: the live XML says so, and the old top nodes go. */
    private void pivoted() {
        DiskXml m = mirror;
        String oldPath = DiskChain.path(disk);
        synchronized (dom) {
            MirrorXml.remove(disk);
            if (m != null) {
                switchSource(disk, m);
            }
        }
        if (m != null) {
            rewriteConfig(oldPath, m);
        }
        releaseNode(oldRoot);
        deleteFiles(deleteAfter);
    }

    private static void switchSource(DiskXml target, DiskXml to) {
        target.source(to.source());
        String fmt = to.driver() != null ? to.driver().type() : null;
        DiskXml.DiskDriver d = target.driver();
        target.driver(new DiskXml.DiskDriver(d == null ? "qemu" : d.name(), fmt, d == null ? null : d.cache()));
    }

    /**
     * libvirt's qemuBlockJobRewriteConfigDiskSource: the persistent definition follows the pivot when its disk
     * still names the image the guest left; otherwise (changed meanwhile, or no such disk) it is left alone.
     */
    private void rewriteConfig(String oldPath, DiskXml to) {
        if (!dom.persistent() || oldPath == null) {
            return;
        }
        try {
            org.jvirt.xml.domain.DomainXml persistent = org.jvirt.driver.qemu.device.Impact.persistentCopy(dom);
            for (DiskXml d : persistent.devices().disks()) {
                if (disk.targetDev().equals(d.targetDev()) && oldPath.equals(DiskChain.path(d))) {
                    switchSource(d, to);
                    ctx.store().writeConfig(persistent);
                    org.jvirt.driver.qemu.device.Impact.setPersistent(dom, persistent);
                }
            }
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "Unable to update persistent definition on vm " + dom.name()
                    + " after block job: " + ex.getMessage());
        }
    }

    /** An abort or a failure: the disk keeps its image; what the job opened or made for the copy goes. */
    private void dropMirror() {
        synchronized (dom) {
            MirrorXml.remove(disk);
        }
        for (String n : mirrorNodes) {
            quietly("blockdev-del", n);
        }
        if (createdFile != null) {
            deleteFiles(List.of(createdFile.toString()));
        }
    }

    /** A format node this driver added, and its protocol node; auto-named nodes belong to QEMU's graph. */
    private void releaseNode(String root) {
        if (root != null && root.startsWith("fmt-")) {
            quietly("blockdev-del", root);
            quietly("blockdev-del", "file-" + root.substring(4));
        }
    }

    private void quietly(String command, String node) {
        try {
            mon().execute(command, JSON.createObjectNode().put("node-name", node));
        } catch (RuntimeException ignored) {
            // already gone with its parent
        }
    }

    private static void deleteFiles(List<String> files) {
        for (String f : files) {
            try {
                Files.deleteIfExists(Path.of(f));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete " + f + ": " + e.getMessage());
            }
        }
    }

    private void finish() {
        AutoCloseable r = registration;
        if (r != null) {
            try {
                r.close();
            } catch (Exception ignored) {
                // removing a listener cannot fail
            }
        }
        onEnd.run();
    }

    private void writeStatus() {
        try {
            if (dom.run() == run) {
                ctx.writeStatus(dom);
            }
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot write status of " + dom.name() + ": " + ex.getMessage());
        }
    }

    /** BLOCK_JOB names the disk by its path (not for network disks), BLOCK_JOB_2 by its target, as libvirt. */
    void emit(DomainBlockJobStatus status) {
        String path = disk.source() instanceof DiskSource.File f ? f.path()
                : disk.source() instanceof DiskSource.Block b ? b.dev() : null;
        if (path != null) {
            ctx.events().emit(dom.ref(), new DomainEvent.BlockJob(DomainEventId.BLOCK_JOB, path, type.code(),
                    status.code()));
        }
        ctx.events().emit(dom.ref(), new DomainEvent.BlockJob(DomainEventId.BLOCK_JOB_2, disk.targetDev(),
                type.code(), status.code()));
    }
}
