package org.jvirt.daemon.event;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.event.EventRegistration;

/**
 * The event registrations of one client, by the callbackID the API assigned (unique per connection, one counter
 * for all object kinds, as libvirtd's). The old per-eventID registrations are kept apart. Closed with the
 * client, which ends every subscription.
 */
final class ClientEvents implements AutoCloseable {

    private final ClientSession client;
    private final Map<Integer, EventRegistration> callbacks = new ConcurrentHashMap<>();
    private final Map<Integer, EventRegistration> legacy = new ConcurrentHashMap<>();

    ClientEvents(ClientSession client) {
        this.client = client;
    }

    static ClientEvents of(ClientSession client) {
        return client.resource(ClientEvents.class, () -> new ClientEvents(client));
    }

    /**
     * Subscribes and returns the callbackID. The listener may fire on the subscription's own thread before the
     * API call returns the id, so it waits for it.
     */
    int subscribe(Function<IntSupplier, EventRegistration> subscribe) {
        CompletableFuture<Integer> id = new CompletableFuture<>();
        EventRegistration r = subscribe.apply(() -> id.join());
        callbacks.put(r.callbackId(), r);
        id.complete(r.callbackId());
        return r.callbackId();
    }

    /** Sends an encoded event (null: nothing to send for this kind). */
    void send(byte[] packet) {
        if (packet != null && org.jvirt.daemon.access.EventGate.mayDeliver(client, packet)) {
            client.send(packet);
        }
    }

    void deregister(int callbackId) {
        EventRegistration r = callbacks.remove(callbackId);
        if (r == null) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                    "callback %d not registered", callbackId);
        }
        r.close();
    }

    /** CONNECT_DOMAIN_EVENT_REGISTER(_ANY): one registration per eventID; registering twice is an error. */
    void registerLegacy(int eventId, java.util.function.Supplier<EventRegistration> subscribe) {
        synchronized (legacy) {
            if (legacy.containsKey(eventId)) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                        "domain event %d already registered", eventId);
            }
            legacy.put(eventId, subscribe.get());
        }
    }

    void deregisterLegacy(int eventId) {
        EventRegistration r = legacy.remove(eventId);
        if (r == null) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                    "domain event %d not registered", eventId);
        }
        r.close();
    }

    @Override
    public void close() {
        callbacks.values().forEach(EventRegistration::close);
        callbacks.clear();
        legacy.values().forEach(EventRegistration::close);
        legacy.clear();
    }
}
