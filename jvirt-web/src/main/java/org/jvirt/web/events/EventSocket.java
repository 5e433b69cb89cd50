package org.jvirt.web.events;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jvirt.web.metrics.WebMetrics;

/**
 * The events websocket of one client: events are queued and sent one at a time, each after the previous send
 * completed, by a virtual thread of its own. At most {@link #MAX_QUEUED} wait; a client that falls further behind is
 * disconnected rather than let the queue grow without bound.
 */
public final class EventSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = Logger.getLogger(EventSocket.class.getName());
    static final int MAX_QUEUED = 10_000;
    private static final String CLOSE = new String("close");

    private final EventHub hub;
    private final WebMetrics metrics;
    private final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private volatile AutoCloseable subscription;
    private volatile Session session;

    public EventSocket(EventHub hub, WebMetrics metrics) {
        this.hub = hub;
        this.metrics = metrics;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        counted.set(true);
        metrics.websocketOpened("events");
        subscription = hub.subscribe(text -> {
            if (queue.size() >= MAX_QUEUED) {
                queue.clear();
                queue.add(CLOSE);
            } else {
                queue.add(text);
            }
        });
        Thread.ofVirtual().name("events-ws").start(this::pump);
    }

    private void pump() {
        try {
            while (true) {
                String t = queue.take();
                Session s = session;
                if (t == CLOSE || s == null || !s.isOpen()) {
                    if (s != null) {
                        s.close(1008, "client too slow", Callback.NOOP);
                    }
                    return;
                }
                Callback.Completable done = new Callback.Completable();
                s.sendText(t, done);
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.FINE, "events websocket ended", e);
        } finally {
            unsubscribe();
        }
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
        callback.succeed();
        closed();
    }

    private void closed() {
        if (counted.compareAndSet(true, false)) {
            metrics.websocketClosed("events");
        }
        unsubscribe();
        queue.add(CLOSE);
        session = null;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed();
    }

    private void unsubscribe() {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "unsubscribe", e);
            }
        }
    }
}
