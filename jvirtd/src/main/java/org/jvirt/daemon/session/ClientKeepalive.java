package org.jvirt.daemon.session;

/**
 * libvirt's keepalive timer for one client. Every packet received resets it. The daemon sends its own PINGs only
 * after the client asked CONNECT_SUPPORTS_FEATURE(PROGRAM_KEEPALIVE), as libvirtd does; after {@code interval}
 * seconds of silence it PINGs, and when {@code count} PINGs in a row went unanswered the client is dead.
 */
final class ClientKeepalive {

    enum Action { NOTHING, PING, DEAD }

    private final long intervalNanos;
    private final int count;
    private volatile boolean enabled;
    private volatile long lastReceived = System.nanoTime();
    private volatile int sent;

    ClientKeepalive(int intervalSeconds, int count) {
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
        this.count = count;
    }

    void enable() {
        if (intervalNanos > 0) {
            enabled = true;
        }
    }

    void received() {
        lastReceived = System.nanoTime();
        sent = 0;
    }

    synchronized Action tick(long now) {
        if (!enabled) {
            return Action.NOTHING;
        }
        long idle = now - lastReceived;
        if (idle < intervalNanos * (sent + 1L)) {
            return Action.NOTHING;
        }
        if (sent >= count) {
            return Action.DEAD;
        }
        sent++;
        return Action.PING;
    }
}
