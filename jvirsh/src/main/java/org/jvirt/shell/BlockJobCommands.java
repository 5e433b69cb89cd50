package org.jvirt.shell;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jvirt.Domain;
import org.jvirt.DomainBlockJobInfo;
import org.jvirt.DomainBlockJobStatus;
import org.jvirt.DomainBlockJobType;
import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainBlockCommitFlag;
import org.jvirt.flags.DomainBlockCopyFlag;
import org.jvirt.flags.DomainBlockJobAbortFlag;
import org.jvirt.flags.DomainBlockJobInfoFlag;
import org.jvirt.flags.DomainBlockJobSetSpeedFlag;
import org.jvirt.flags.DomainBlockPullFlag;
import org.jvirt.flags.DomainBlockRebaseFlag;
import org.jvirt.flags.DomainBlockResizeFlag;
import org.jvirt.flags.DomainCoreDumpFlag;

/**
 * virsh's block job commands (blockpull, blockcopy, blockcommit, blockjob), blockresize and dump, as
 * virsh-domain.c writes them: the same choice between the old and new APIs, the same waiting loop
 * (virshBlockJobWait: events first, polling the job's progress meanwhile) and the same messages.
 */
final class BlockJobCommands {

    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private BlockJobCommands() {
    }

    private static void exclusive(Shell sh, boolean a, boolean b, String nameA, String nameB) {
        if (a && b) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", nameA, nameB);
        }
    }

    /** vshBlockJobOptionBandwidth: a plain number (MiB/s, or bytes/s with --bytes) or a scaled size in bytes. */
    static long bandwidth(Shell sh, Invocation cmd, boolean bytes) {
        if (!cmd.has("bandwidth")) {
            return 0;
        }
        String v = cmd.string("bandwidth");
        Long n = Numbers.parse(v, false, Long.MIN_VALUE, Long.MAX_VALUE);
        if (n == null) {
            n = Numbers.parseUnsigned64(v);
        }
        if (n != null) {
            return n;
        }
        Long scaled = Numbers.scaled(v, 1, ULONG_MAX);
        if (scaled == null) {
            throw sh.fail("Scaled numeric value '%s' for <--bandwidth> option is malformed or out of range", v);
        }
        return bytes ? scaled : scaled >>> 20;
    }

    // ---- blockpull ------------------------------------------------------------------------------------------

    static boolean blockpull(Shell sh, Invocation cmd) {
        boolean blocking = cmd.bool("wait");
        boolean verbose = cmd.bool("verbose");
        boolean async = cmd.bool("async");
        boolean bytes = cmd.bool("bytes");
        if (verbose && !blocking) {
            throw sh.fail("Option --%s is required by option --%s", "wait", "verbose");
        }
        if (async && !blocking) {
            throw sh.fail("Option --%s is required by option --%s", "wait", "async");
        }
        String path = cmd.req("path");
        String base = cmd.string("base");
        long bw = bandwidth(sh, cmd, bytes);
        int timeout = EventWait.timeoutMs(sh, cmd);
        boolean relative = cmd.bool("keep-relative");
        Domain d = Lookup.domain(sh, cmd);
        try (Waiter w = blocking ? new Waiter(sh, d, path, "Block Pull", verbose, timeout, async) : null) {
            if (base != null || relative) {
                List<DomainBlockRebaseFlag> f = new ArrayList<>();
                if (relative) {
                    f.add(DomainBlockRebaseFlag.RELATIVE);
                }
                if (bytes) {
                    f.add(DomainBlockRebaseFlag.BANDWIDTH_BYTES);
                }
                d.blockRebase(path, base, bw, f.toArray(DomainBlockRebaseFlag[]::new));
            } else {
                d.blockPull(path, bw, bytes ? new DomainBlockPullFlag[] {DomainBlockPullFlag.BANDWIDTH_BYTES}
                        : new DomainBlockPullFlag[0]);
            }
            if (!blocking) {
                sh.printExtra("%s", "Block Pull started");
                return true;
            }
            switch (w.await()) {
                case CANCELED -> {
                    sh.printExtra("\n%s", "Pull aborted");
                    return false;
                }
                case FAILED -> {
                    sh.printExtra("\n%s", "Pull failed");
                    return false;
                }
                default -> sh.printExtra("\n%s", "Pull complete");
            }
        }
        return true;
    }

    // ---- blockcommit ----------------------------------------------------------------------------------------

    static boolean blockcommit(Shell sh, Invocation cmd) {
        boolean verbose = cmd.bool("verbose");
        boolean pivot = cmd.bool("pivot");
        boolean finish = cmd.bool("keep-overlay");
        boolean active = cmd.bool("active") || pivot || finish;
        boolean blocking = cmd.bool("wait") || pivot || finish;
        boolean async = cmd.bool("async");
        boolean bytes = cmd.bool("bytes");
        exclusive(sh, pivot, finish, "pivot", "keep-overlay");
        String path = cmd.req("path");
        String base = cmd.string("base");
        String top = cmd.string("top");
        long bw = bandwidth(sh, cmd, bytes);
        List<DomainBlockCommitFlag> f = new ArrayList<>();
        if (bytes) {
            f.add(DomainBlockCommitFlag.BANDWIDTH_BYTES);
        }
        if (cmd.bool("shallow")) {
            f.add(DomainBlockCommitFlag.SHALLOW);
        }
        if (cmd.bool("delete")) {
            f.add(DomainBlockCommitFlag.DELETE);
        }
        if (active) {
            f.add(DomainBlockCommitFlag.ACTIVE);
        }
        if (cmd.bool("keep-relative")) {
            f.add(DomainBlockCommitFlag.RELATIVE);
        }
        int timeout = EventWait.timeoutMs(sh, cmd);
        if (timeout > 0) {
            blocking = true;
        }
        if (!blocking) {
            if (verbose) {
                throw sh.fail("--verbose requires at least one of --timeout, --wait, --pivot, or --keep-overlay");
            }
            if (async) {
                throw sh.fail("--async requires at least one of --timeout, --wait, --pivot, or --keep-overlay");
            }
        }
        Domain d = Lookup.domain(sh, cmd);
        try (Waiter w = blocking ? new Waiter(sh, d, path, "Block commit", verbose, timeout, async) : null) {
            d.blockCommit(path, base, top, bw, f.toArray(DomainBlockCommitFlag[]::new));
            if (!blocking) {
                sh.printExtra("%s", active ? "Active Block Commit started" : "Block Commit started");
                return true;
            }
            switch (w.await()) {
                case CANCELED -> {
                    sh.printExtra("\n%s", "Commit aborted");
                    return false;
                }
                case FAILED -> {
                    sh.printExtra("\n%s", "Commit failed");
                    return false;
                }
                default -> {
                }
            }
            if (active) {
                if (pivot) {
                    abortOrFail(sh, d, path, async, true, "failed to pivot job for disk %s");
                    sh.printExtra("\n%s", "Successfully pivoted");
                } else if (finish) {
                    abortOrFail(sh, d, path, async, false, "failed to finish job for disk %s");
                    sh.printExtra("\n%s", "Commit complete, overlay image kept");
                } else {
                    sh.printExtra("\n%s", "Now in synchronized phase");
                }
            } else {
                sh.printExtra("\n%s", "Commit complete");
            }
        }
        return true;
    }

    private static void abortOrFail(Shell sh, Domain d, String path, boolean async, boolean pivot, String msg) {
        List<DomainBlockJobAbortFlag> f = new ArrayList<>();
        if (async) {
            f.add(DomainBlockJobAbortFlag.ASYNC);
        }
        if (pivot) {
            f.add(DomainBlockJobAbortFlag.PIVOT);
        }
        try {
            d.blockJobAbort(path, f.toArray(DomainBlockJobAbortFlag[]::new));
        } catch (VirtException e) {
            throw sh.fail(e, msg, path);
        }
    }

    // ---- blockcopy ------------------------------------------------------------------------------------------

    static boolean blockcopy(Shell sh, Invocation cmd) {
        boolean verbose = cmd.bool("verbose");
        boolean pivot = cmd.bool("pivot");
        boolean finish = cmd.bool("finish");
        boolean blockdev = cmd.bool("blockdev");
        boolean blocking = cmd.bool("wait") || finish || pivot;
        boolean async = cmd.bool("async");
        boolean bytes = cmd.bool("bytes");
        boolean transientJob = cmd.bool("transient-job");
        boolean syncWrites = cmd.bool("synchronous-writes");
        boolean printXml = cmd.bool("print-xml");
        String path = cmd.req("path");
        String dest = cmd.string("dest");
        String xml = cmd.string("xml");
        String format = cmd.string("format");
        long bw = bandwidth(sh, cmd, bytes);
        long granularity = cmd.uint("granularity", 0);
        long bufSize = cmd.ulong("buf-size", 0);
        int flags = 0;
        if (cmd.bool("shallow")) {
            flags |= DomainBlockCopyFlag.SHALLOW.bit();
        }
        if (cmd.bool("reuse-external")) {
            flags |= DomainBlockCopyFlag.REUSE_EXT.bit();
        }
        int timeout = EventWait.timeoutMs(sh, cmd);
        if (timeout > 0) {
            blocking = true;
        }
        exclusive(sh, dest != null, xml != null, "dest", "xml");
        exclusive(sh, format != null, xml != null, "format", "xml");
        exclusive(sh, blockdev, xml != null, "blockdev", "xml");
        exclusive(sh, pivot, finish, "pivot", "finish");
        if (dest == null && xml == null) {
            throw sh.fail("need either --dest or --xml");
        }
        if (!blocking) {
            if (verbose) {
                throw sh.fail("--verbose requires at least one of --timeout, --wait, --pivot, or --finish");
            }
            if (async) {
                throw sh.fail("--async requires at least one of --timeout, --wait, --pivot, or --finish");
            }
        }
        Domain d = Lookup.domain(sh, cmd);
        try (Waiter w = blocking && !printXml ? new Waiter(sh, d, path, "Block Copy", verbose, timeout, async)
                : null) {
            String xmlText = xml != null ? sh.readFile(xml) : null;
            if (granularity != 0 || bufSize != 0 || (format != null && !format.equals("raw")) || xml != null
                    || transientJob || syncWrites || printXml) {
                List<TypedParameter> params = new ArrayList<>();
                if (bw != 0) {
                    if (!bytes) {
                        long limit = Long.MAX_VALUE >> 20; // ULLONG_MAX >> 20, as a signed Java long can carry
                        if (Long.compareUnsigned(bw, limit) > 0) {
                            throw sh.fail("bandwidth must be less than %s", Long.toUnsignedString(
                                    -1L >>> 20));
                        }
                        bw <<= 20;
                    }
                    params.add(TypedParameter.ofUllong("bandwidth", bw));
                }
                if (granularity != 0) {
                    params.add(TypedParameter.ofUint("granularity", (int) granularity));
                }
                if (bufSize != 0) {
                    params.add(TypedParameter.ofUllong("buf-size", bufSize));
                }
                if (xmlText == null) {
                    StringBuilder b = new StringBuilder();
                    b.append(blockdev ? "<disk type='block'>\n" : "<disk type='file'>\n");
                    b.append("  <source ").append(blockdev ? "dev" : "file").append("='").append(Xml.escape(dest))
                            .append("'/>\n");
                    if (format != null) {
                        b.append("  <driver type='").append(Xml.escape(format)).append("'/>\n");
                    }
                    b.append("</disk>\n");
                    xmlText = b.toString();
                }
                if (printXml) {
                    sh.print("%s", xmlText);
                    return true;
                }
                List<DomainBlockCopyFlag> f = new ArrayList<>();
                for (DomainBlockCopyFlag c : DomainBlockCopyFlag.values()) {
                    if ((flags & c.bit()) != 0) {
                        f.add(c);
                    }
                }
                if (transientJob) {
                    f.add(DomainBlockCopyFlag.TRANSIENT_JOB);
                }
                if (syncWrites) {
                    f.add(DomainBlockCopyFlag.SYNCHRONOUS_WRITES);
                }
                d.blockCopy(path, xmlText, params, f.toArray(DomainBlockCopyFlag[]::new));
            } else {
                List<DomainBlockRebaseFlag> f = new ArrayList<>();
                f.add(DomainBlockRebaseFlag.COPY);
                if ((flags & DomainBlockCopyFlag.SHALLOW.bit()) != 0) {
                    f.add(DomainBlockRebaseFlag.SHALLOW);
                }
                if ((flags & DomainBlockCopyFlag.REUSE_EXT.bit()) != 0) {
                    f.add(DomainBlockRebaseFlag.REUSE_EXT);
                }
                if (blockdev) {
                    f.add(DomainBlockRebaseFlag.COPY_DEV);
                }
                if ("raw".equals(format)) {
                    f.add(DomainBlockRebaseFlag.COPY_RAW);
                }
                if (bytes) {
                    f.add(DomainBlockRebaseFlag.BANDWIDTH_BYTES);
                }
                d.blockRebase(path, dest, bw, f.toArray(DomainBlockRebaseFlag[]::new));
            }
            if (!blocking) {
                sh.printExtra("%s", "Block Copy started");
                return true;
            }
            switch (w.await()) {
                case CANCELED -> {
                    sh.printExtra("\n%s", "Copy aborted");
                    return false;
                }
                case FAILED -> {
                    sh.printExtra("\n%s", "Copy failed");
                    return false;
                }
                default -> {
                }
            }
            if (pivot) {
                abortOrFail(sh, d, path, async, true, "failed to pivot job for disk %s");
                sh.printExtra("\n%s", "Successfully pivoted");
            } else if (finish) {
                abortOrFail(sh, d, path, async, false, "failed to finish job for disk %s");
                sh.printExtra("\n%s", "Successfully copied");
            } else {
                sh.printExtra("\n%s", "Now in mirroring phase");
            }
        }
        return true;
    }

    // ---- blockjob -------------------------------------------------------------------------------------------

    static boolean blockjob(Shell sh, Invocation cmd) {
        boolean raw = cmd.bool("raw");
        boolean bytes = cmd.bool("bytes");
        boolean abort = cmd.bool("abort");
        boolean pivot = cmd.bool("pivot");
        boolean async = cmd.bool("async");
        boolean info = cmd.bool("info");
        boolean bandwidth = cmd.has("bandwidth");
        exclusive(sh, raw, abort, "raw", "abort");
        exclusive(sh, raw, pivot, "raw", "pivot");
        exclusive(sh, raw, async, "raw", "async");
        exclusive(sh, raw, bandwidth, "raw", "bandwidth");
        exclusive(sh, info, abort, "info", "abort");
        exclusive(sh, info, pivot, "info", "pivot");
        exclusive(sh, info, async, "info", "async");
        exclusive(sh, info, bandwidth, "info", "bandwidth");
        exclusive(sh, bytes, abort, "bytes", "abort");
        exclusive(sh, bytes, pivot, "bytes", "pivot");
        exclusive(sh, bytes, async, "bytes", "async");
        Domain d = Lookup.domain(sh, cmd);
        String path = cmd.req("path");
        if (bandwidth) {
            long bw = bandwidth(sh, cmd, bytes);
            d.blockJobSetSpeed(path, bw, bytes ? new DomainBlockJobSetSpeedFlag[] {
                DomainBlockJobSetSpeedFlag.BANDWIDTH_BYTES} : new DomainBlockJobSetSpeedFlag[0]);
            return true;
        }
        if (abort || pivot || async) {
            List<DomainBlockJobAbortFlag> f = new ArrayList<>();
            if (async) {
                f.add(DomainBlockJobAbortFlag.ASYNC);
            }
            if (pivot) {
                f.add(DomainBlockJobAbortFlag.PIVOT);
            }
            d.blockJobAbort(path, f.toArray(DomainBlockJobAbortFlag[]::new));
            return true;
        }
        return info(sh, d, path, raw, bytes);
    }

    /** virshBlockJobInfo: bytes/s asked first unless --raw; MiB/s scaled up when the driver cannot say bytes. */
    private static boolean info(Shell sh, Domain d, String path, boolean raw, boolean bytes) {
        Optional<DomainBlockJobInfo> info = Optional.empty();
        long speed = 0;
        boolean got = false;
        if (bytes || !raw) {
            try {
                info = d.getBlockJobInfo(path, DomainBlockJobInfoFlag.BANDWIDTH_BYTES);
                got = true;
                speed = info.map(DomainBlockJobInfo::bandwidth).orElse(0L);
            } catch (VirtException e) {
                boolean retry = (e.error().code() == ErrorNumber.INVALID_ARG.code()
                        || e.error().code() == ErrorNumber.OVERFLOW.code()) && !bytes && !raw;
                if (!retry) {
                    throw e;
                }
            }
        }
        if (!got) {
            info = d.getBlockJobInfo(path);
            speed = info.map(DomainBlockJobInfo::bandwidth).orElse(0L);
            if (!raw) {
                speed <<= 20;
            }
        }
        if (info.isEmpty()) {
            if (!raw) {
                sh.printExtra("No current block job for %s", path);
            }
            return true;
        }
        DomainBlockJobInfo i = info.get();
        if (raw) {
            sh.print(" type=%s\n bandwidth=%s\n cur=%s\n end=%s\n", rawType(i.type()),
                    Long.toUnsignedString(i.bandwidth()), Long.toUnsignedString(i.cur()),
                    Long.toUnsignedString(i.end()));
        } else {
            DomainIO.progress(sh, label(i.type()), i.end() - i.cur(), i.end());
            if (speed != 0) {
                sh.print("    Bandwidth limit: %s bytes/s (%s/s)", Long.toUnsignedString(speed), prettyBw(speed));
            }
            sh.print("\n");
        }
        return true;
    }

    /** virshDomainBlockJob's names. */
    static String label(DomainBlockJobType t) {
        return switch (t) {
            case PULL -> "Block Pull";
            case COPY -> "Block Copy";
            case COMMIT -> "Block Commit";
            case ACTIVE_COMMIT -> "Active Block Commit";
            case BACKUP -> "Backup";
            default -> "Unknown job";
        };
    }

    /** virshDomainBlockJobTypeToString (untranslated): an unknown type prints as libvirt's NULL "(null)". */
    private static String rawType(DomainBlockJobType t) {
        return label(t);
    }

    /** vshPrettyCapacity with "%-.3lf %s". */
    private static String prettyBw(long v) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double x = v < 0 ? v + 0x1p64 : v;
        int u = 0;
        while (u < units.length - 1 && x >= 1024) {
            x /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%-.3f %s", x, units[u]);
    }

    // ---- blockresize and dump -------------------------------------------------------------------------------

    static boolean blockresize(Shell sh, Invocation cmd) {
        String path = cmd.req("path");
        long size = cmd.scaled("size", 0, 1024, ULONG_MAX);
        boolean inBytes = false;
        if (Long.remainderUnsigned(size, 1024) == 0) {
            size = Long.divideUnsigned(size, 1024);
        } else {
            inBytes = true;
        }
        Domain d = Lookup.domain(sh, cmd);
        try {
            d.blockResize(path, size, inBytes ? new DomainBlockResizeFlag[] {DomainBlockResizeFlag.BYTES}
                    : new DomainBlockResizeFlag[0]);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to resize block device '%s'", path);
        }
        sh.printExtra("Block device '%s' is resized", path);
        return true;
    }

    static boolean dump(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String to = cmd.req("file");
        List<DomainCoreDumpFlag> f = new ArrayList<>();
        if (cmd.bool("live")) {
            f.add(DomainCoreDumpFlag.LIVE);
        }
        if (cmd.bool("crash")) {
            f.add(DomainCoreDumpFlag.CRASH);
        }
        if (cmd.bool("bypass-cache")) {
            f.add(DomainCoreDumpFlag.BYPASS_CACHE);
        }
        if (cmd.bool("reset")) {
            f.add(DomainCoreDumpFlag.RESET);
        }
        boolean memoryOnly = cmd.bool("memory-only");
        if (memoryOnly) {
            f.add(DomainCoreDumpFlag.MEMORY_ONLY);
        }
        DomainCoreDumpFormat format = DomainCoreDumpFormat.RAW;
        if (cmd.has("format")) {
            if (!memoryOnly) {
                throw sh.fail("--format only works with --memory-only");
            }
            String name = cmd.string("format");
            format = DomainCoreDumpFormat.fromVirshName(name);
            if (format == null) {
                throw sh.fail("format '%s' is not supported, expecting 'kdump-zlib', 'kdump-lzo', "
                        + "'kdump-snappy', 'win-dmp' or 'elf'", name);
            }
        }
        DomainCoreDumpFlag[] flags = f.toArray(DomainCoreDumpFlag[]::new);
        String target = sh.path(to).toString();
        DomainCoreDumpFormat fmt = format;
        try {
            DomainIO.watch(sh, d, "Dump", cmd.bool("verbose"), () -> {
                if (fmt != DomainCoreDumpFormat.RAW) {
                    d.coreDumpWithFormat(target, fmt, flags);
                } else {
                    d.coreDump(target, flags);
                }
            });
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to core dump domain '%s' to %s", d.getName(), to);
        }
        sh.printExtra("\nDomain '%s' dumped to %s\n", d.getName(), to);
        return true;
    }

    // ---- waiting for a job ----------------------------------------------------------------------------------

    /**
     * virshBlockJobWait: BLOCK_JOB and BLOCK_JOB_2 listeners for the disk as the user named it; polls the job
     * every 500 ms (its progress with --verbose), aborts it at the timeout or on Ctrl-C.
     */
    static final class Waiter implements AutoCloseable {
        private final Shell sh;
        private final Domain d;
        private final String dev;
        private final String label;
        private final boolean verbose;
        private final int timeoutMs;
        private final boolean asyncAbort;
        private final List<EventRegistration> regs = new ArrayList<>();
        private volatile int status = -1;
        private volatile boolean interrupted;

        Waiter(Shell sh, Domain d, String dev, String label, boolean verbose, int timeoutMs, boolean asyncAbort) {
            this.sh = sh;
            this.d = d;
            this.dev = dev;
            this.label = label;
            this.verbose = verbose;
            this.timeoutMs = timeoutMs;
            this.asyncAbort = asyncAbort;
            for (DomainEventId id : List.of(DomainEventId.BLOCK_JOB, DomainEventId.BLOCK_JOB_2)) {
                try {
                    regs.add(sh.conn().domainEventRegister(id, d, (dom, ev) -> {
                        if (ev instanceof DomainEvent.BlockJob j && dev.equals(j.disk())) {
                            status = j.status();
                        }
                    }));
                } catch (VirtException e) {
                    // virsh falls back to polling alone
                }
            }
        }

        DomainBlockJobStatus await() {
            sun.misc.SignalHandler previous = null;
            sun.misc.Signal sigint = new sun.misc.Signal("INT");
            try {
                previous = sun.misc.Signal.handle(sigint, s -> interrupted = true);
            } catch (IllegalArgumentException e) {
                // SIGINT reserved: no interruption
            }
            try {
                long start = System.nanoTime();
                int retries = 5;
                long lastCur = 0;
                long lastEnd = 0;
                DomainBlockJobStatus ret;
                while (true) {
                    Optional<DomainBlockJobInfo> info;
                    try {
                        info = d.getBlockJobInfo(dev);
                    } catch (VirtException e) {
                        throw sh.fail(e, "failed to query job for disk %s", dev);
                    }
                    if (!regs.isEmpty() && status != -1) {
                        ret = fromCode(status);
                        break;
                    }
                    if (regs.size() < 2) {
                        if (info.isEmpty()) {
                            ret = DomainBlockJobStatus.COMPLETED;
                            break;
                        }
                        if (info.get().end() == info.get().cur() && (regs.isEmpty() || --retries == 0)) {
                            ret = DomainBlockJobStatus.READY;
                            break;
                        }
                    }
                    if (verbose && info.isPresent()
                            && (info.get().cur() != lastCur || info.get().end() != lastEnd)) {
                        DomainIO.progress(sh, label, info.get().end() - info.get().cur(), info.get().end());
                    }
                    if (info.isPresent()) {
                        lastCur = info.get().cur();
                        lastEnd = info.get().end();
                    }
                    if (interrupted || (timeoutMs > 0 && (System.nanoTime() - start) / 1_000_000 > timeoutMs)) {
                        try {
                            d.blockJobAbort(dev, asyncAbort ? new DomainBlockJobAbortFlag[] {
                                DomainBlockJobAbortFlag.ASYNC} : new DomainBlockJobAbortFlag[0]);
                        } catch (VirtException e) {
                            throw sh.fail(e, "failed to abort job for disk '%s'", dev);
                        }
                        ret = DomainBlockJobStatus.CANCELED;
                        break;
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        interrupted = true;
                    }
                }
                if (verbose && (ret == DomainBlockJobStatus.COMPLETED || ret == DomainBlockJobStatus.READY)) {
                    DomainIO.progress(sh, label, 0, 1);
                }
                return ret;
            } finally {
                if (previous != null) {
                    sun.misc.Signal.handle(sigint, previous);
                }
            }
        }

        private static DomainBlockJobStatus fromCode(int code) {
            for (DomainBlockJobStatus s : DomainBlockJobStatus.values()) {
                if (s.code() == code) {
                    return s;
                }
            }
            return DomainBlockJobStatus.FAILED;
        }

        @Override
        public void close() {
            for (EventRegistration r : regs) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // deregistering cannot fail in a way that matters here
                }
            }
        }
    }
}
