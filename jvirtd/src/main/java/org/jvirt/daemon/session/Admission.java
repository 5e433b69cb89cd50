package org.jvirt.daemon.session;

/**
 * libvirt's client limits at accept time (virNetServerCheckLimits): a listener accepts only while fewer than
 * {@code max_clients} clients are connected and fewer than {@code max_anonymous_clients} are still
 * unauthenticated; otherwise it stops accepting and new connections wait in the kernel's listen backlog, as
 * libvirtd suspends its services. A client counts as anonymous from accept until it is ready for calls (TLS
 * handshake and certificate checks done) and, on a socket with SASL or polkit, until it has authenticated (as
 * libvirt counts a client whose auth is pending), so clients that stall in a handshake or never authenticate
 * cannot hold more than {@code max_anonymous_clients} connections.
 */
public final class Admission {

    private volatile int maxClients;
    private volatile int maxAnonymous;
    private int clients;
    private int anonymous;
    private boolean closed;

    public Admission(int maxClients, int maxAnonymous) {
        this.maxClients = maxClients;
        this.maxAnonymous = maxAnonymous;
    }

    /** New limits (SIGHUP); waiting listeners re-check at once. */
    public synchronized void setLimits(int maxClients, int maxAnonymous) {
        this.maxClients = maxClients;
        this.maxAnonymous = maxAnonymous;
        notifyAll();
    }

    private boolean full() {
        return clients >= maxClients || maxAnonymous > 0 && anonymous >= maxAnonymous;
    }

    /**
     * Waits until one more client fits; false once closed. Nothing is reserved: each listener waits here, then
     * accepts and calls {@link #admitted}, so with several listeners the count may pass the limit by at most
     * one client per other listener (libvirtd's single event loop has no such window; ours accepts on one
     * thread per listener).
     */
    public synchronized boolean awaitRoom() throws InterruptedException {
        while (!closed && full()) {
            wait();
        }
        return !closed;
    }

    /** A client was accepted; it counts as anonymous until {@link #authenticated}. */
    public synchronized void admitted() {
        clients++;
        anonymous++;
    }

    /** The client is ready for calls: it no longer counts as anonymous. */
    public synchronized void authenticated() {
        anonymous--;
        notifyAll();
    }

    /** The client left; {@code wasAnonymous} when it never became ready. */
    public synchronized void left(boolean wasAnonymous) {
        clients--;
        if (wasAnonymous) {
            anonymous--;
        }
        notifyAll();
    }

    public synchronized int clients() {
        return clients;
    }

    public synchronized int anonymous() {
        return anonymous;
    }

    public int maxClients() {
        return maxClients;
    }

    public int maxAnonymous() {
        return maxAnonymous;
    }

    /** Wakes listeners waiting for room: the daemon stops. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
