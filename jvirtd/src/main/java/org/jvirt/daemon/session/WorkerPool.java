package org.jvirt.daemon.session;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * libvirt's worker pool (virThreadPool) as permits, since every call runs on its own virtual thread: at most
 * {@code max_workers} calls run at once, and {@code prio_workers} more that only high-priority calls
 * (domain destroy, lookups, ...: libvirt's {@code @priority:high}) may use. A high-priority call takes a normal
 * worker when one is free and a priority worker otherwise, so a pool stuck in slow driver calls still lets a
 * client destroy a guest. {@code min_workers} is how many threads libvirt starts up front; virtual threads cost
 * nothing idle, so it is only checked against the maximum.
 */
public final class WorkerPool {

    /** Which permit a call holds. */
    public enum Kind { NORMAL, PRIORITY }

    private int maxWorkers;
    private int prioWorkers;
    private int waiting;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private int normalBusy;
    private int prioBusy;

    public WorkerPool(int maxWorkers, int prioWorkers) {
        this.maxWorkers = Math.max(1, maxWorkers);
        this.prioWorkers = Math.max(0, prioWorkers);
    }

    /** Waits for a worker; high-priority calls may also take a priority worker. */
    public Kind acquire(boolean highPriority) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (normalBusy < maxWorkers) {
                    normalBusy++;
                    return Kind.NORMAL;
                }
                if (highPriority && prioBusy < prioWorkers) {
                    prioBusy++;
                    return Kind.PRIORITY;
                }
                waiting++;
                try {
                    freed.await();
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public void release(Kind kind) {
        lock.lock();
        try {
            if (kind == Kind.NORMAL) {
                normalBusy--;
            } else {
                prioBusy--;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * New limits at run time (virt-admin srv-threadpool-set); a negative value keeps the current one. Calls
     * already running keep their permits: a lower maximum takes effect as they finish, as libvirt's workers
     * above the new maximum exit once their job is done.
     */
    public void setLimits(int newMax, int newPrio) {
        lock.lock();
        try {
            if (newMax >= 0) {
                maxWorkers = newMax;
            }
            if (newPrio >= 0) {
                prioWorkers = newPrio;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One consistent reading of the pool, for virt-admin srv-threadpool-info. */
    public record Snapshot(int maxWorkers, int prioWorkers, int normalBusy, int prioBusy, int waiting) {
    }

    public Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(maxWorkers, prioWorkers, normalBusy, prioBusy, waiting);
        } finally {
            lock.unlock();
        }
    }

    /** Calls running now (both kinds): the drain on SIGTERM waits for this to reach zero. */
    public int busy() {
        lock.lock();
        try {
            return normalBusy + prioBusy;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no call runs, at most {@code millis}; true when idle. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        lock.lock();
        try {
            while (normalBusy + prioBusy > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                freed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
