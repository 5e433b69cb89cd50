package org.jvirt.driver.qemu.blockjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jvirt.DomainBlockJobInfo;
import org.jvirt.DomainBlockJobStatus;
import org.jvirt.DomainBlockJobType;
import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Flags;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.CoreDumps;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.flags.DomainBlockCommitFlag;
import org.jvirt.flags.DomainBlockCopyFlag;
import org.jvirt.flags.DomainBlockJobAbortFlag;
import org.jvirt.flags.DomainBlockJobInfoFlag;
import org.jvirt.flags.DomainBlockJobSetSpeedFlag;
import org.jvirt.flags.DomainBlockPullFlag;
import org.jvirt.flags.DomainBlockRebaseFlag;
import org.jvirt.flags.DomainBlockResizeFlag;
import org.jvirt.flags.DomainCoreDumpFlag;
import org.jvirt.flags.DomainMemoryPeekFlag;
import org.jvirt.spi.DomainBlockDriver;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * The qemu driver's block entry points (libvirt's qemuDomainBlock*): jobs started with a job id of their own and
 * {@code auto-dismiss} off, so that their end is read from QEMU before it is reported; resize; peeks; core dumps.
 * Error wording follows libvirt's qemu_driver.c.
 */
public final class QemuDomainBlocks implements DomainBlockDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a synchronous abort or pivot waits for QEMU to conclude the job. */
    private static final long END_WAIT_MS = 120_000;
    private static final AtomicLong SEQ = new AtomicLong();

    private final DriverContext ctx;
    private final CoreDumps dumps;

    public QemuDomainBlocks(DriverContext ctx, CoreDumps dumps) {
        this.ctx = ctx;
        this.dumps = dumps;
    }

    private DomainObj get(DomainRef ref) {
        return ctx.store().get(ref);
    }

    /** A bandwidth in MiB/s (or bytes/s) as QEMU's bytes/s speed; libvirt's overflow check. */
    static long speed(long bandwidth, boolean bytes) {
        if (bytes) {
            if (bandwidth < 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OVERFLOW, "bandwidth must be less than %d",
                        Long.MAX_VALUE);
            }
            return bandwidth;
        }
        if (bandwidth < 0 || bandwidth > (Long.MAX_VALUE >> 20)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OVERFLOW, "bandwidth must be less than %d",
                    Long.MAX_VALUE >> 20);
        }
        return bandwidth << 20;
    }

    // ---- pull ---------------------------------------------------------------------------------------------

    @Override
    public void blockPull(DomainRef ref, String disk, long bandwidth, Set<DomainBlockPullFlag> flags) {
        Flags.check(flags, Set.of(DomainBlockPullFlag.BANDWIDTH_BYTES), ErrorDomain.QEMU, "qemuDomainBlockPull");
        pull(get(ref), disk, null, speed(bandwidth, flags.contains(DomainBlockPullFlag.BANDWIDTH_BYTES)));
    }

    @Override
    public void blockRebase(DomainRef ref, String disk, String base, long bandwidth,
                            Set<DomainBlockRebaseFlag> flags) {
        long speed = speed(bandwidth, flags.contains(DomainBlockRebaseFlag.BANDWIDTH_BYTES));
        if (flags.contains(DomainBlockRebaseFlag.COPY)) {
            String fmt = flags.contains(DomainBlockRebaseFlag.COPY_RAW) ? "raw" : null;
            String type = flags.contains(DomainBlockRebaseFlag.COPY_DEV) ? "block" : "file";
            String attr = type.equals("block") ? "dev" : "file";
            DiskXml dest = parseDisk("<disk type='" + type + "'>" + (fmt == null ? "" : "<driver type='raw'/>")
                    + "<source " + attr + "='" + xmlAttr(base) + "'/></disk>");
            copy(get(ref), disk, dest, speed, 0, 0, flags.contains(DomainBlockRebaseFlag.SHALLOW),
                    flags.contains(DomainBlockRebaseFlag.REUSE_EXT), false);
            return;
        }
        if (flags.contains(DomainBlockRebaseFlag.RELATIVE) && base == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "flag VIR_DOMAIN_BLOCK_REBASE_RELATIVE is valid only with non-null base");
        }
        pull(get(ref), disk, base, speed);
    }

    private void pull(DomainObj dom, String name, String base, long speed) {
        dom.beginJob("block pull");
        try {
            DomainRun run = dom.requireRun();
            DiskXml disk = DiskChain.find(run, name);
            DiskChain chain = DiskChain.of(run, disk);
            ObjectNode args = JSON.createObjectNode().put("device", chain.rootNode());
            if (base != null) {
                int i = chain.indexOf(base);
                if (i == 0) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                            "base '%s' is the active image of '%s'", base, disk.targetDev());
                }
                args.put("base", chain.images().get(i).file());
            }
            if (speed > 0) {
                args.put("speed", speed);
            }
            start(dom, run, disk, chain, "pull", DomainBlockJobType.PULL, "block-stream", args, null);
        } finally {
            dom.endJob();
        }
    }

    // ---- copy ---------------------------------------------------------------------------------------------

    @Override
    public void blockCopy(DomainRef ref, String disk, String destXml, List<TypedParameter> params,
                          Set<DomainBlockCopyFlag> flags) {
        long speed = 0;
        long granularity = 0;
        long bufSize = 0;
        for (TypedParameter p : params) {
            Object v = p.value();
            long n = v instanceof Number num ? num.longValue() : 0;
            switch (p.field()) {
                case "bandwidth" -> speed = n;
                case "granularity" -> {
                    if (n != 0 && (n < 512 || n > 64L << 20 || Long.bitCount(n) != 1)) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                                "granularity must be power of 2");
                    }
                    granularity = n;
                }
                case "buf-size" -> bufSize = n;
                default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "parameter '%s' not supported", p.field());
            }
        }
        copy(get(ref), disk, parseDisk(destXml), speed, granularity, bufSize,
                flags.contains(DomainBlockCopyFlag.SHALLOW), flags.contains(DomainBlockCopyFlag.REUSE_EXT),
                flags.contains(DomainBlockCopyFlag.SYNCHRONOUS_WRITES));
    }

    private void copy(DomainObj dom, String name, DiskXml dest, long speed, long granularity, long bufSize,
                      boolean shallow, boolean reuse, boolean syncWrites) {
        dom.beginJob("block copy");
        try {
            DomainRun run = dom.requireRun();
            DiskXml disk = DiskChain.find(run, name);
            if (disk.readonly()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "copy of read-only disks is not supported");
            }
            String target = DiskChain.path(dest);
            if (target == null || !(dest.source() instanceof DiskSource.File
                    || dest.source() instanceof DiskSource.Block)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "copy destination must be a local file or block device");
            }
            if (!target.startsWith("/")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "absolute path must be used as block copy target");
            }
            DiskChain chain = DiskChain.of(run, disk);
            String fmt = dest.driver() != null && dest.driver().type() != null ? dest.driver().type()
                    : reuse ? QemuImg.format(Path.of(target)) : chain.top().format();
            if (!org.jvirt.driver.qemu.command.DiskProps.isFormat(fmt)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "unknown driver format value '%s'", fmt);
            }
            dest.driver(new DiskXml.DiskDriver("qemu", fmt, null));
            boolean hasBacking = chain.images().size() > 1;
            if (shallow && hasBacking && fmt.equals("raw")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "shallow copy of disk '%s' into a raw file is not possible", disk.targetDev());
            }
            Path file = Path.of(target);
            Path created = null;
            if (reuse) {
                if (!Files.exists(file)) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                            "missing destination file for disk %s: %s", disk.targetDev(), target);
                }
            } else {
                if (Files.exists(file) && dest.source() instanceof DiskSource.File) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                            "external destination file for disk %s already exists and is not a block device: %s",
                            disk.targetDev(), target);
                }
                DiskChain.Image backing = shallow && hasBacking ? chain.images().get(1) : null;
                QemuImg.create(file, fmt, chain.top().virtualSize(), backing);
                created = file;
            }
            long n = SEQ.incrementAndGet();
            String storage = "file-" + disk.alias() + "-copy" + n;
            String format = "fmt-" + disk.alias() + "-copy" + n;
            List<String> added = new ArrayList<>();
            try {
                var mon = run.process().monitor();
                boolean block = dest.source() instanceof DiskSource.Block;
                mon.execute("blockdev-add", JSON.createObjectNode().put("driver", block ? "host_device" : "file")
                        .put("filename", target).put("node-name", storage).put("auto-read-only", true)
                        .put("discard", "unmap"));
                added.add(0, storage);
                ObjectNode fnode = JSON.createObjectNode().put("node-name", format).put("driver", fmt)
                        .put("file", storage).put("read-only", false);
                if (!shallow && !fmt.equals("raw")) {
                    fnode.putNull("backing");
                }
                mon.execute("blockdev-add", fnode);
                added.add(0, format);
                ObjectNode args = JSON.createObjectNode().put("device", chain.rootNode()).put("target", format)
                        .put("sync", shallow ? "top" : "full");
                if (speed > 0) {
                    args.put("speed", speed);
                }
                if (granularity > 0) {
                    args.put("granularity", granularity);
                }
                if (bufSize > 0) {
                    args.put("buf-size", bufSize);
                }
                if (syncWrites) {
                    args.put("copy-mode", "write-blocking");
                }
                final Path madeFile = created;
                start(dom, run, disk, chain, "copy", DomainBlockJobType.COPY, "blockdev-mirror", args, job -> {
                    job.mirror = dest;
                    job.mirrorNodes = List.copyOf(added);
                    job.createdFile = madeFile;
                    synchronized (dom) {
                        MirrorXml.add(disk, dest, "copy");
                    }
                });
            } catch (RuntimeException e) {
                for (String node : added) {
                    try {
                        run.process().monitor().execute("blockdev-del", JSON.createObjectNode().put("node-name", node));
                    } catch (RuntimeException ignored) {
                        // the original error is reported
                    }
                }
                if (created != null) {
                    try {
                        Files.deleteIfExists(created);
                    } catch (IOException ignored) {
                        // nothing more to do
                    }
                }
                throw e;
            }
            ctx.writeStatus(dom);
        } finally {
            dom.endJob();
        }
    }

    // ---- commit -------------------------------------------------------------------------------------------

    @Override
    public void blockCommit(DomainRef ref, String name, String base, String top, long bandwidth,
                            Set<DomainBlockCommitFlag> flags) {
        long speed = speed(bandwidth, flags.contains(DomainBlockCommitFlag.BANDWIDTH_BYTES));
        DomainObj dom = get(ref);
        dom.beginJob("block commit");
        try {
            DomainRun run = dom.requireRun();
            DiskXml disk = DiskChain.find(run, name);
            DiskChain chain = DiskChain.of(run, disk);
            int topIdx = top == null ? 0 : chain.indexOf(top);
            boolean active = topIdx == 0;
            if (active && !flags.contains(DomainBlockCommitFlag.ACTIVE)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "commit of '%s' active layer requires active flag", disk.targetDev());
            }
            if (!active && flags.contains(DomainBlockCommitFlag.ACTIVE)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "active commit requested but '%s' is not active", chain.images().get(topIdx).file());
            }
            if (chain.images().size() <= topIdx + 1) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "top '%s' in chain for '%s' has no backing file", chain.images().get(topIdx).file(),
                        disk.targetDev());
            }
            int baseIdx;
            if (flags.contains(DomainBlockCommitFlag.SHALLOW)) {
                baseIdx = topIdx + 1;
                if (base != null && chain.indexOf(base) != baseIdx) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                            "base '%s' is not immediately below '%s' in chain for '%s'", base,
                            chain.images().get(topIdx).file(), disk.targetDev());
                }
            } else if (base != null) {
                baseIdx = chain.indexOf(base);
                if (baseIdx <= topIdx) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                            "could not find base image in chain for '%s'", disk.targetDev());
                }
            } else {
                baseIdx = chain.images().size() - 1;
            }
            DiskChain.Image baseImg = chain.images().get(baseIdx);
            ObjectNode args = JSON.createObjectNode().put("device", chain.rootNode()).put("base", baseImg.file());
            if (!active) {
                args.put("top", chain.images().get(topIdx).file());
            }
            if (speed > 0) {
                args.put("speed", speed);
            }
            List<String> delete = new ArrayList<>();
            if (flags.contains(DomainBlockCommitFlag.DELETE)) {
                for (int i = topIdx; i < baseIdx; i++) {
                    delete.add(chain.images().get(i).file());
                }
            }
            start(dom, run, disk, chain, "commit", active ? DomainBlockJobType.ACTIVE_COMMIT
                    : DomainBlockJobType.COMMIT, "block-commit", args, job -> {
                        job.deleteAfter = List.copyOf(delete);
                        if (active) {
                            DiskXml b = parseDisk("<disk type='file'><driver type='" + xmlAttr(baseImg.format())
                                    + "'/><source file='" + xmlAttr(baseImg.file()) + "'/></disk>");
                            job.mirror = b;
                            synchronized (dom) {
                                MirrorXml.add(disk, b, "active-commit");
                            }
                        }
                    });
            ctx.writeStatus(dom);
        } finally {
            dom.endJob();
        }
    }

    // ---- the job itself -------------------------------------------------------------------------------------

    private void start(DomainObj dom, DomainRun run, DiskXml disk, DiskChain chain, String prefix,
                       DomainBlockJobType type, String command, ObjectNode args,
                       java.util.function.Consumer<BlockJob> prepare) {
        String id = prefix + "-" + disk.targetDev() + "-" + SEQ.incrementAndGet();
        BlockJob[] holder = new BlockJob[1];
        BlockJob job = new BlockJob(ctx, dom, run, disk, id, type, chain.rootNode(),
                () -> BlockJobTable.remove(holder[0]));
        holder[0] = job;
        if (!BlockJobTable.add(job)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.BLOCK_COPY_ACTIVE,
                    "disk '%s' already in active block job", disk.targetDev());
        }
        try {
            if (prepare != null) {
                prepare.accept(job);
            }
            job.listen();
            args.put("job-id", id).put("auto-dismiss", false);
            run.process().monitor().execute(command, args);
        } catch (RuntimeException e) {
            synchronized (dom) {
                MirrorXml.remove(disk);
            }
            job.onClose(null);
            throw e;
        }
    }

    private static BlockJob job(DomainRun run, DiskXml disk) {
        BlockJob job = BlockJobTable.get(run, disk.targetDev());
        if (job == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "disk %s does not have an active block job", disk.targetDev());
        }
        return job;
    }

    @Override
    public Optional<DomainBlockJobInfo> getBlockJobInfo(DomainRef ref, String name,
                                                        Set<DomainBlockJobInfoFlag> flags) {
        Flags.check(flags, Set.of(DomainBlockJobInfoFlag.BANDWIDTH_BYTES), ErrorDomain.QEMU,
                "qemuDomainGetBlockJobInfo");
        DomainRun run = get(ref).requireRun();
        DiskXml disk = DiskChain.find(run, name);
        BlockJob job = BlockJobTable.get(run, disk.targetDev());
        if (job == null) {
            return Optional.empty();
        }
        JsonNode raw = null;
        for (JsonNode j : run.process().monitor().execute("query-block-jobs")) {
            if (job.id.equals(j.path("device").asText())) {
                raw = j;
            }
        }
        if (raw == null) { // concluded, its end not yet handled: an unfinished job, as libvirt fakes it
            return Optional.of(new DomainBlockJobInfo(job.type, 0, 0, 1));
        }
        long cur = raw.path("offset").asLong();
        long end = raw.path("len").asLong();
        boolean readyPresent = raw.has("ready");
        boolean ready = raw.path("ready").asBoolean();
        if (cur == 0 && end == 0 && readyPresent) {
            end = 1;
            cur = ready ? 1 : 0;
        }
        if (readyPresent && !ready && cur == end && cur > 0) {
            cur--; // not ready yet: never cur == end, which pollers take for done
        }
        long bw = raw.path("speed").asLong();
        if (bw != 0 && !flags.contains(DomainBlockJobInfoFlag.BANDWIDTH_BYTES)) {
            bw = (bw + (1 << 20) - 1) >> 20;
        }
        return Optional.of(new DomainBlockJobInfo(job.type, bw, cur, end));
    }

    @Override
    public void blockJobAbort(DomainRef ref, String name, Set<DomainBlockJobAbortFlag> flags) {
        Flags.check(flags, Set.of(DomainBlockJobAbortFlag.ASYNC, DomainBlockJobAbortFlag.PIVOT), ErrorDomain.QEMU,
                "qemuDomainBlockJobAbort");
        DomainObj dom = get(ref);
        BlockJob job;
        boolean pivot = flags.contains(DomainBlockJobAbortFlag.PIVOT);
        dom.beginJob("block job abort");
        try {
            DomainRun run = dom.requireRun();
            DiskXml disk = DiskChain.find(run, name);
            job = job(run, disk);
            if (job.ending != BlockJob.Ending.NATURAL) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "block job on disk '%s' is still being ended", disk.targetDev());
            }
            var mon = run.process().monitor();
            if (pivot) {
                if (job.type != DomainBlockJobType.COPY && job.type != DomainBlockJobType.ACTIVE_COMMIT) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                            "job type '%s' does not support pivot", qemuName(job.type));
                }
                if (!job.ready) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.BLOCK_COPY_ACTIVE,
                            "block job '%s' not ready for pivot yet", job.id);
                }
                job.ending = BlockJob.Ending.PIVOT;
                mon.execute("job-complete", JSON.createObjectNode().put("id", job.id));
                synchronized (dom) {
                    MirrorXml.ready(disk, "pivot");
                }
            } else {
                job.ending = BlockJob.Ending.ABORT;
                mon.execute("block-job-cancel", JSON.createObjectNode().put("device", job.id).put("force", false));
                synchronized (dom) {
                    MirrorXml.ready(disk, "abort");
                }
            }
            ctx.writeStatus(dom);
        } finally {
            dom.endJob();
        }
        if (flags.contains(DomainBlockJobAbortFlag.ASYNC)) {
            return;
        }
        DomainBlockJobStatus end;
        try {
            end = job.ended.get(END_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "block job '%s' did not end: %s", job.id, e.getMessage());
        }
        if (pivot && end == DomainBlockJobStatus.FAILED) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "block job '%s' failed while pivoting", job.id);
        }
    }

    /** libvirt's qemuBlockjobType names, as its messages print them. */
    private static String qemuName(DomainBlockJobType t) {
        return switch (t) {
            case PULL -> "pull";
            case COPY -> "copy";
            case COMMIT -> "commit";
            case ACTIVE_COMMIT -> "active-commit";
            case BACKUP -> "backup";
            default -> "";
        };
    }

    @Override
    public void blockJobSetSpeed(DomainRef ref, String name, long bandwidth, Set<DomainBlockJobSetSpeedFlag> flags) {
        Flags.check(flags, Set.of(DomainBlockJobSetSpeedFlag.BANDWIDTH_BYTES), ErrorDomain.QEMU,
                "qemuDomainBlockJobSetSpeed");
        long speed = speed(bandwidth, flags.contains(DomainBlockJobSetSpeedFlag.BANDWIDTH_BYTES));
        DomainObj dom = get(ref);
        dom.beginJob("block job speed");
        try {
            DomainRun run = dom.requireRun();
            BlockJob job = job(run, DiskChain.find(run, name));
            run.process().monitor().execute("block-job-set-speed",
                    JSON.createObjectNode().put("device", job.id).put("speed", speed));
        } finally {
            dom.endJob();
        }
    }

    // ---- resize and peeks -----------------------------------------------------------------------------------

    @Override
    public void blockResize(DomainRef ref, String name, long size, Set<DomainBlockResizeFlag> flags) {
        Flags.check(flags, Set.of(DomainBlockResizeFlag.BYTES), ErrorDomain.QEMU, "qemuDomainBlockResize");
        long bytes = size;
        if (!flags.contains(DomainBlockResizeFlag.BYTES)) {
            if (size < 0 || size > Long.MAX_VALUE / 1024) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OVERFLOW, "size must be less than %d",
                        Long.MAX_VALUE / 1024);
            }
            bytes = size * 1024;
        }
        DomainObj dom = get(ref);
        dom.beginJob("block resize");
        try {
            DomainRun run = dom.requireRun();
            DiskXml disk;
            try {
                disk = DiskChain.find(run, name);
            } catch (VirtException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "disk '%s' was not found in the domain config", name);
            }
            String fmt = disk.driver() != null && disk.driver().type() != null ? disk.driver().type() : "raw";
            if (fmt.equals("qcow2") || fmt.equals("qed")) {
                bytes = (bytes + 511) / 512 * 512;
            }
            if (disk.readonly() || DiskChain.path(disk) == null && !(disk.source() instanceof DiskSource.Network)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "can't resize empty or readonly disk '%s'", disk.targetDev());
            }
            DiskChain chain = DiskChain.of(run, disk);
            run.process().monitor().execute("block_resize",
                    JSON.createObjectNode().put("node-name", chain.rootNode()).put("size", bytes));
        } finally {
            dom.endJob();
        }
    }

    @Override
    public byte[] blockPeek(DomainRef ref, String name, long offset, int size) {
        DomainObj dom = get(ref);
        DomainRun run = dom.run();
        DomainXml def = run != null ? run.liveDef() : dom.def();
        DiskXml disk = null;
        for (DiskXml d : def.devices().disks()) {
            if (name.equals(d.targetDev()) || name.equals(DiskChain.path(d))) {
                disk = d;
            }
        }
        if (disk == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "disk '%s' not found in domain", name);
        }
        String fmt = disk.driver() != null && disk.driver().type() != null ? disk.driver().type() : "raw";
        if (!fmt.equals("raw")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "peeking is only supported for disk with 'raw' format not '%s'", fmt);
        }
        String path = DiskChain.path(disk);
        if (path == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "storage file reading is not supported for storage type %s", disk.source().diskType());
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                int n = ch.read(buf, offset + buf.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot read '%s': %s", path,
                    e.getMessage());
        }
        if (buf.hasRemaining()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "'%s' starting from %d has only %d bytes available", name, offset, buf.position());
        }
        return buf.array();
    }

    @Override
    public byte[] memoryPeek(DomainRef ref, long start, int size, Set<DomainMemoryPeekFlag> flags) {
        Flags.check(flags, Set.of(DomainMemoryPeekFlag.VIRTUAL, DomainMemoryPeekFlag.PHYSICAL), ErrorDomain.QEMU,
                "qemuDomainMemoryPeek");
        if (flags.size() != 1) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL");
        }
        DomainObj dom = get(ref);
        dom.beginJob("memory peek");
        Path tmp = null;
        try {
            DomainRun run = dom.requireRun();
            tmp = Files.createTempFile(run.runDir(), "qemu.mem.", "");
            ObjectNode args = JSON.createObjectNode().put("val", start).put("size", size)
                    .put("filename", tmp.toString());
            if (flags.contains(DomainMemoryPeekFlag.VIRTUAL)) {
                run.process().monitor().execute("memsave", args.put("cpu-index", 0));
            } else {
                run.process().monitor().execute("pmemsave", args);
            }
            byte[] out = Files.readAllBytes(tmp);
            if (out.length != size) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                        "failed to read temporary file created with template %s", tmp);
            }
            return out;
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "memory peek failed: %s",
                    e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // in the guest's runtime directory, which goes when it stops
                }
            }
            dom.endJob();
        }
    }

    @Override
    public void coreDump(DomainRef ref, String to, DomainCoreDumpFormat format, Set<DomainCoreDumpFlag> flags) {
        dumps.dump(get(ref), Path.of(to), format, flags);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** One {@code <disk>} element, parsed by jvirt-xml's parser (no DTD, no entities). */
    static DiskXml parseDisk(String xml) {
        DomainXml wrap = DomainXml.parse("<domain><name>copy</name><devices>" + xml + "</devices></domain>");
        List<DiskXml> disks = wrap.devices().disks();
        if (disks.size() != 1 || wrap.devices().all().size() != 1) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "expected exactly one <disk> element");
        }
        return disks.get(0);
    }

    private static String xmlAttr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
