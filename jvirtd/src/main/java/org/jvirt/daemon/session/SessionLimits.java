package org.jvirt.daemon.session;

import java.util.concurrent.Semaphore;

/**
 * Limits shared by all sessions: {@code max_workers} calls of normal priority running at once across the daemon
 * (high-priority calls do not count, as libvirtd's priority workers exist for them), and the keepalive
 * settings.
 *
 * @param workers           permits for normal-priority calls
 * @param maxClientRequests calls of one client in progress at once, per priority class
 * @param keepaliveInterval seconds of silence before a PING; negative disables the daemon's PINGs
 * @param keepaliveCount    unanswered PINGs before the client is dropped
 */
public record SessionLimits(Semaphore workers, int maxClientRequests, int keepaliveInterval, int keepaliveCount) {

    public static SessionLimits of(int maxWorkers, int maxClientRequests, int keepaliveInterval, int keepaliveCount) {
        return new SessionLimits(new Semaphore(Math.max(1, maxWorkers), true), Math.max(1, maxClientRequests),
                keepaliveInterval, keepaliveCount);
    }
}
