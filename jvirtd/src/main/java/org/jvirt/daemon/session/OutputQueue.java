package org.jvirt.daemon.session;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the daemon has still to write to one client, bounded in bytes. Producers (call threads, stream pumps,
 * event threads) wait while the queue holds {@code maxBytes} or more; one packet is always admitted into an
 * empty queue, so a single large reply cannot deadlock. {@link #offer} never waits (the keepalive timer uses
 * it, so a stalled client never holds up the timer that detects it). Each packet may carry a callback run once
 * it is on the wire: the per-client request slot is released there, as libvirt counts a request until its reply
 * has been sent.
 *
 * <p>The queue also hands out the right to write: one writer at a time, either the session's writer thread
 * (through {@link #take}) or a producer that found the queue empty and idle ({@link #claimDirect}). The direct
 * path saves the hand-off to the writer thread for the common case, a reply to a client that reads; anything
 * queued meanwhile waits for the direct writer to finish, so packets keep their order.
 */
final class OutputQueue {

    record Item(byte[] packet, Runnable written) {
    }

    private final long maxBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition room = lock.newCondition();
    private long bytes;
    private boolean closed;
    private boolean writing; // someone holds the right to write: the writer thread or a direct writer

    OutputQueue(long maxBytes) {
        this.maxBytes = Math.max(1, maxBytes);
    }

    /** Queues a packet, waiting while the queue is full; false when the queue was closed. */
    boolean put(byte[] packet, Runnable written) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && !items.isEmpty() && bytes >= maxBytes) {
                room.await();
            }
            return enqueue(packet, written);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a packet only if there is room now; false when full or closed. */
    boolean offer(byte[] packet) {
        lock.lock();
        try {
            if (!items.isEmpty() && bytes >= maxBytes) {
                return false;
            }
            return enqueue(packet, null);
        } finally {
            lock.unlock();
        }
    }

    private boolean enqueue(byte[] packet, Runnable written) {
        if (closed) {
            return false;
        }
        items.addLast(new Item(packet, written));
        bytes += packet.length;
        notEmpty.signal();
        return true;
    }

    /** The next packet to write, waiting up to {@code timeoutMillis}; null on time-out or when closed and empty. */
    Item take(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (items.isEmpty() || writing) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            writing = true;
            return items.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the packet {@link #take} returned, once it has been written. */
    void written(Item item) {
        lock.lock();
        try {
            if (items.peekFirst() == item) {
                items.pollFirst();
                bytes -= item.packet().length;
                room.signalAll();
            }
            writing = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the right to write for a packet that is not queued: only when nothing is queued and nobody writes.
     * The caller writes, then calls {@link #directDone}.
     */
    boolean claimDirect() {
        lock.lock();
        try {
            if (closed || writing || !items.isEmpty()) {
                return false;
            }
            writing = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the right a {@link #claimDirect} took; wakes the writer thread for what was queued meanwhile. */
    void directDone() {
        lock.lock();
        try {
            writing = false;
            if (!items.isEmpty()) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new packets and wakes every waiter; queued packets are discarded. */
    void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            bytes = 0;
            notEmpty.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes waiting, for tests and logs. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
