package org.jvirt.driver.qemu.blockjob;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.jvirt.driver.qemu.domain.DomainRun;

/**
 * The running block jobs of every running guest, by run and disk target. Keyed by the run itself, so a guest that
 * stops (and its run with it) leaves nothing behind, whichever connection started the job.
 */
final class BlockJobTable {

    private static final Map<DomainRun, Map<String, BlockJob>> JOBS = new WeakHashMap<>();

    private BlockJobTable() {
    }

    static synchronized BlockJob get(DomainRun run, String target) {
        Map<String, BlockJob> m = JOBS.get(run);
        return m == null ? null : m.get(target);
    }

    /** Adds the job unless the disk has one already; false then. */
    static synchronized boolean add(BlockJob job) {
        return JOBS.computeIfAbsent(job.run, r -> new HashMap<>()).putIfAbsent(job.disk.targetDev(), job) == null;
    }

    static synchronized void remove(BlockJob job) {
        Map<String, BlockJob> m = JOBS.get(job.run);
        if (m != null) {
            m.remove(job.disk.targetDev(), job);
        }
    }
}
