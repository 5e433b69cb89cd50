package org.jvirt;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.EventListener;
import org.jvirt.event.EventRegistration;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventKey;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.NetworkRef;
import org.jvirt.spi.NodeDeviceRef;
import org.jvirt.spi.SecretRef;
import org.jvirt.spi.StoragePoolRef;

/**
 * A connection's event subscriptions. The driver raises events into it (it is the connection's
 * {@link EventSink}); each subscription has its own queue drained by its own virtual thread, so listeners run
 * in event order, never on the driver's thread, and a slow one delays nobody else.
 */
final class ConnectEvents implements EventSink {

    static final String DOMAIN = "domain";
    static final String NETWORK = "network";
    static final String STORAGE_POOL = "storage_pool";
    static final String NODE_DEVICE = "node_device";
    static final String SECRET = "secret";

    private final Connect connect;
    private final List<Subscription<?, ?>> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<EventKey, AtomicInteger> interest = new ConcurrentHashMap<>();
    private final AtomicInteger nextCallbackId = new AtomicInteger();
    private volatile DriverConnection driver;

    ConnectEvents(Connect connect) {
        this.connect = connect;
    }

    void attach(DriverConnection driver) {
        this.driver = driver;
    }

    <O, E> EventRegistration subscribe(String family, int id, String filterKey, EventListener<O, E> listener) {
        Objects.requireNonNull(listener, "listener");
        Subscription<O, E> s = new Subscription<>(nextCallbackId.getAndIncrement(), new EventKey(family, id),
                filterKey, listener);
        subscriptions.add(s);
        if (interest.computeIfAbsent(s.key, k -> new AtomicInteger()).getAndIncrement() == 0 && driver != null) {
            driver.eventInterest(s.key, true);
        }
        s.start();
        return s;
    }

    void closeAll() {
        for (Subscription<?, ?> s : subscriptions) {
            s.close();
        }
    }

    @Override
    public void domainEvent(DomainRef dom, DomainEvent event) {
        dispatch(DOMAIN, event.id().code(), dom.uuid().toString(), dom, r -> new Domain(connect, r), event);
    }

    @Override
    public void networkEvent(NetworkRef net, NetworkEvent event) {
        dispatch(NETWORK, event.id().code(), net.uuid().toString(), net, r -> new Network(connect, r), event);
    }

    @Override
    public void storagePoolEvent(StoragePoolRef pool, StoragePoolEvent event) {
        dispatch(STORAGE_POOL, event.id().code(), pool.uuid().toString(), pool, r -> new StoragePool(connect, r),
                event);
    }

    @Override
    public void nodeDeviceEvent(NodeDeviceRef dev, NodeDeviceEvent event) {
        dispatch(NODE_DEVICE, event.id().code(), dev.name(), dev, r -> new NodeDevice(connect, r), event);
    }

    @Override
    public void secretEvent(SecretRef secret, SecretEvent event) {
        dispatch(SECRET, event.id().code(), secret.uuid().toString(), secret, r -> new Secret(connect, r), event);
    }

    @Override
    public void connectionClosed(ConnectCloseReason reason) {
        connect.fireClosed(reason);
    }

    private <R, O> void dispatch(String family, int id, String objectKey, R ref, Function<R, O> wrap, Object event) {
        O object = null;
        for (Subscription<?, ?> s : subscriptions) {
            if (s.key.family().equals(family) && s.key.id() == id
                    && (s.filterKey == null || s.filterKey.equals(objectKey))) {
                if (object == null) {
                    object = wrap.apply(ref);
                }
                s.offer(object, event);
            }
        }
    }

    private final class Subscription<O, E> implements EventRegistration {
        private static final Object[] STOP = new Object[0];

        final int callbackId;
        final EventKey key;
        final String filterKey;
        final EventListener<O, E> listener;
        final LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        volatile boolean closed;

        Subscription(int callbackId, EventKey key, String filterKey, EventListener<O, E> listener) {
            this.callbackId = callbackId;
            this.key = key;
            this.filterKey = filterKey;
            this.listener = listener;
        }

        void start() {
            Thread.ofVirtual().name("jvirt-event-" + key.family() + "-" + callbackId).start(this::deliver);
        }

        void offer(Object object, Object event) {
            if (!closed) {
                queue.add(new Object[] {object, event});
            }
        }

        @SuppressWarnings("unchecked")
        private void deliver() {
            try {
                while (true) {
                    Object[] item = queue.take();
                    if (item == STOP || closed) {
                        return;
                    }
                    try {
                        listener.onEvent((O) item[0], (E) item[1]);
                    } catch (RuntimeException e) {
                        // A failing listener must not end its subscription or reach the driver.
                        System.getLogger("org.jvirt.event").log(System.Logger.Level.WARNING,
                                "event listener failed", e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public int callbackId() {
            return callbackId;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            subscriptions.remove(this);
            queue.add(STOP);
            AtomicInteger count = interest.get(key);
            if (count != null && count.decrementAndGet() == 0 && driver != null) {
                driver.eventInterest(key, false);
            }
        }
    }
}
