package org.jvirt.daemon.session;

/**
 * Limits shared by all sessions.
 *
 * @param workers           the daemon's worker permits (max_workers, prio_workers)
 * @param maxClientRequests calls of one client in progress at once, counted until the reply is written (libvirt)
 * @param keepaliveInterval seconds of silence before a PING; negative disables the daemon's PINGs
 * @param keepaliveCount    unanswered PINGs before the client is dropped
 * @param outputMaxBytes    bytes queued for one client before its producers wait
 * @param writeTimeoutMillis a write that makes no progress this long drops the client (it does not read)
 */
public record SessionLimits(WorkerPool workers, int maxClientRequests, int keepaliveInterval, int keepaliveCount,
                            long outputMaxBytes, long writeTimeoutMillis) {

    public static final long DEFAULT_OUTPUT_MAX_BYTES = 4L << 20;
    public static final long DEFAULT_WRITE_TIMEOUT_MILLIS = 30_000;

    public static SessionLimits of(int maxWorkers, int maxClientRequests, int keepaliveInterval, int keepaliveCount) {
        return new SessionLimits(new WorkerPool(maxWorkers, 5), Math.max(1, maxClientRequests), keepaliveInterval,
                keepaliveCount, DEFAULT_OUTPUT_MAX_BYTES, DEFAULT_WRITE_TIMEOUT_MILLIS);
    }
}
