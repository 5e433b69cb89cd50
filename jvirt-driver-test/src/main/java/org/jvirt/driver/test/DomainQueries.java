package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.DomainBlockInfo;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.DomainStatsFlag;
import org.jvirt.flags.DomainStatsType;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainStats;
import org.w3c.dom.Element;

/**
 * The test driver's statistics and guest queries, as test_driver.c answers them: block and interface counters
 * made up from the wall clock (testDomainBlockStats, testDomainInterfaceStats), balloon figures derived from
 * the current memory (testDomainMemoryStats), a fixed block size (testDomainGetBlockInfo), bulk stats
 * (testConnectGetAllDomainStats: state and IOThread groups), the guest clock, NMI and core dumps.
 */
final class DomainQueries {

    /** The guest clock every test domain starts with (testDomainObjPrivateAlloc), also memory's last_update. */
    static final long GUEST_EPOCH_SECONDS = 627319920L;
    /** testDomainGetBlockInfo's sizes, in bytes. */
    private static final long BLOCK_CAPACITY = 1099506450432L;
    private static final long BLOCK_ALLOCATION = 1099511627776L;
    /** The polling values a new IOThread gets (testDomainGenerateIOThreadInfos). */
    static final long IOTHREAD_POLL_MAX_NS = 32768;
    private static final int SHUTOFF_CRASHED = 3;
    private static final int STOPPED_CRASHED = 2;
    private static final int DUMP_CRASH = 1;
    private static final int TIME_SYNC = 1;
    private static final byte[] DUMP_MAGIC = "TestGuestMagic\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Set<DomainStatsType> SUPPORTED_STATS = EnumSet.of(DomainStatsType.STATE,
            DomainStatsType.IOTHREAD);

    private final TestState st;

    DomainQueries(TestState st) {
        this.st = st;
    }

    private DomainObj active(DomainRef ref) {
        DomainObj d = TestDomains.obj(st, ref);
        if (!d.isActive()) {
            throw Errors.domainNotRunning();
        }
        return d;
    }

    /** g_get_real_time: microseconds since the epoch, the base of the made-up counters. */
    private static long realTimeMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    DomainBlockStats blockStats(DomainRef ref, String path) {
        if (path == null || path.isEmpty()) {
            throw Errors.test(ErrorNumber.OPERATION_UNSUPPORTED, "summary statistics are not supported yet");
        }
        synchronized (st) {
            DomainObj d = active(ref);
            if (d.def.read(r -> DomainDevices.diskByName(r, path)) == null) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "invalid path: %s", path);
            }
        }
        long base = realTimeMicros();
        return new DomainBlockStats(base / 10, base / 20, base / 30, base / 40, base / (1000L * 1000L * 2));
    }

    DomainInterfaceStats interfaceStats(DomainRef ref, String device) {
        synchronized (st) {
            DomainObj d = active(ref);
            d.def.read(r -> DomainDevices.netFind(r, device));
        }
        long base = realTimeMicros();
        return new DomainInterfaceStats(base / 10, base / 100, base / (1000L * 1000L), base / (1000L * 1000L * 2),
                base / 20, base / 110, base / (1000L * 1000L * 3), base / (1000L * 1000L * 4));
    }

    /**
     * testDomainMemoryStats: nothing without a balloon. libvirt holds the current memory in an int, so the
     * figures are computed in int arithmetic and widened, as there.
     */
    Map<String, Long> memoryStats(DomainRef ref) {
        synchronized (st) {
            DomainObj d = active(ref);
            Map<String, Long> out = new LinkedHashMap<>();
            if (!d.def.read(DomainDevices::hasMemballoon)) {
                return out;
            }
            int cur = (int) d.def.currentMemoryKiB();
            out.put(org.jvirt.DomainMemoryStat.ACTUAL_BALLOON.statName(), (long) cur);
            out.put(org.jvirt.DomainMemoryStat.SWAP_IN.statName(), 0L);
            out.put(org.jvirt.DomainMemoryStat.SWAP_OUT.statName(), 0L);
            out.put(org.jvirt.DomainMemoryStat.MAJOR_FAULT.statName(), 0L);
            out.put(org.jvirt.DomainMemoryStat.MINOR_FAULT.statName(), 0L);
            out.put(org.jvirt.DomainMemoryStat.UNUSED.statName(), (long) (cur / 2));
            out.put(org.jvirt.DomainMemoryStat.AVAILABLE.statName(), (long) cur);
            out.put(org.jvirt.DomainMemoryStat.USABLE.statName(), (long) (cur / 2));
            out.put(org.jvirt.DomainMemoryStat.LAST_UPDATE.statName(), GUEST_EPOCH_SECONDS);
            out.put(org.jvirt.DomainMemoryStat.DISK_CACHES.statName(), (long) (cur / 8));
            out.put(org.jvirt.DomainMemoryStat.HUGETLB_PGALLOC.statName(), 0L);
            out.put(org.jvirt.DomainMemoryStat.HUGETLB_PGFAIL.statName(), 0L);
            out.put(org.jvirt.DomainMemoryStat.RSS.statName(), (long) (cur / 2));
            return out;
        }
    }

    /** testDomainGetBlockInfo: any disk with a source, running or not, is one big sparse terabyte. */
    DomainBlockInfo getBlockInfo(DomainRef ref, String path) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, ref);
            String problem = d.def.read(r -> {
                Element disk = DomainDevices.diskByName(r, path);
                if (disk == null) {
                    return "invalid path %s not assigned to domain";
                }
                return DomainDevices.sourceIsEmpty(disk) ? "disk '%s' does not currently have a source assigned"
                        : null;
            });
            if (problem != null) {
                throw Errors.test(ErrorNumber.INVALID_ARG, problem, path);
            }
            return new DomainBlockInfo(BLOCK_CAPACITY, BLOCK_ALLOCATION, BLOCK_ALLOCATION);
        }
    }

    /**
     * testConnectGetAllDomainStats: the state group, and the IOThread group for running domains that have
     * IOThreads. Handles of domains that no longer exist are skipped; the filter flags apply to given handles
     * too (virDomainObjListConvert).
     */
    List<DomainStats> getAllDomainStats(List<DomainRef> doms, Set<DomainStatsType> stats, Set<DomainStatsFlag> flags) {
        Set<DomainStatsType> wanted = stats.isEmpty() ? SUPPORTED_STATS : stats;
        if (flags.contains(DomainStatsFlag.ENFORCE_STATS)) {
            int bad = 0;
            for (DomainStatsType t : wanted) {
                if (!SUPPORTED_STATS.contains(t)) {
                    bad |= t.bit();
                }
            }
            if (bad != 0) {
                throw Errors.test(ErrorNumber.ARGUMENT_UNSUPPORTED,
                        "Stats types bits 0x%x are not supported by this daemon", bad);
            }
        }
        synchronized (st) {
            List<DomainObj> selected = new ArrayList<>();
            if (doms.isEmpty()) {
                selected.addAll(st.domains.values());
            } else {
                for (DomainRef r : doms) {
                    DomainObj d = st.domains.get(r.uuid());
                    if (d != null) {
                        selected.add(d);
                    }
                }
            }
            List<DomainStats> out = new ArrayList<>();
            for (DomainObj d : selected) {
                if (!DomainFilter.matchesStats(d, flags)) {
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                if (wanted.contains(DomainStatsType.STATE)) {
                    p.put("state.state", d.state.code());
                    p.put("state.reason", d.reason);
                }
                if (wanted.contains(DomainStatsType.IOTHREAD) && d.isActive() && !d.iothreads().isEmpty()) {
                    p.put("iothread.count", d.iothreads().size());
                    for (DomainObj.IOThread t : d.iothreads()) {
                        p.put("iothread." + t.id() + ".poll-max-ns", t.pollMaxNs());
                        p.put("iothread." + t.id() + ".poll-grow", t.pollGrow());
                        p.put("iothread." + t.id() + ".poll-shrink", t.pollShrink());
                    }
                }
                out.add(new DomainStats(d.ref(), p));
            }
            return out;
        }
    }

    /** testDomainGetTime: the guest clock, only while the domain runs (not merely while it is active). */
    long[] getTime(DomainRef ref) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, ref);
            if (d.state != DomainState.RUNNING) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "domain is not running");
            }
            return new long[]{d.timeSeconds, d.timeNanos};
        }
    }

    /** testDomainSetTime: the clock takes the value given, even with SYNC (which libvirt passes as 0). */
    void setTime(DomainRef ref, long seconds, int nseconds, int flags) {
        org.jvirt.Flags.checkBits(flags, TIME_SYNC, ErrorDomain.TEST, "testDomainSetTime");
        synchronized (st) {
            DomainObj d = active(ref);
            d.timeSeconds = seconds;
            d.timeNanos = nseconds;
        }
    }

    void injectNMI(DomainRef ref) {
        synchronized (st) {
            active(ref);
        }
    }

    /**
     * testDomainCoreDumpWithFormat: the dump is the save image's magic alone; only the raw format is known (the
     * file is written before the format is checked, as there); CRASH stops the domain as crashed.
     */
    void coreDump(DomainRef ref, String to, int format, int flags) {
        org.jvirt.Flags.checkBits(flags, DUMP_CRASH, ErrorDomain.TEST, "testDomainCoreDumpWithFormat");
        synchronized (st) {
            DomainObj d = active(ref);
            Path p = Path.of(to);
            try {
                Files.write(p, DUMP_MAGIC, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the default permissions will have to do
                }
            } catch (IOException e) {
                throw Errors.test(ErrorNumber.SYSTEM_ERROR, "domain '%s' coredump: failed to open %s: %s",
                        ref.name(), to, Errors.strerror(e));
            }
            if (format != 0) {
                throw Errors.test(ErrorNumber.OPERATION_UNSUPPORTED, "kdump-compressed format is not supported here");
            }
            if ((flags & DUMP_CRASH) != 0) {
                DomainLifecycle.shutdownState(st, d, SHUTOFF_CRASHED);
                st.lifecycle(d, DomainEventType.STOPPED, STOPPED_CRASHED);
                if (!d.persistent) {
                    st.removeDomain(d);
                }
            }
        }
    }
}
