package org.jvirt.web.events;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jvirt.Connect;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventDetails;
import org.jvirt.event.EventRegistration;
import org.jvirt.web.ops.Operations;

/**
 * One source of events for every websocket client: the connection's domain lifecycle events and every change of
 * an operation, each turned into one JSON text. Subscribers get them in order; a slow one has its own queue
 * ({@link EventSocket}), so it never holds up the connection's event thread.
 */
public final class EventHub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventHub.class.getName());

    private final ObjectMapper json;
    private final CopyOnWriteArrayList<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private final EventRegistration domainEvents;
    private final AutoCloseable opEvents;

    public EventHub(Connect conn, Operations ops, ObjectMapper json) {
        this.json = json;
        domainEvents = conn.domainEventRegister((dom, ev) -> {
            if (ev instanceof DomainEvent.Lifecycle l) {
                publish(Map.of("type", "domain", "domain", dom.getName(), "event",
                        DomainEventDetails.typeName(l.type()), "detail", DomainEventDetails.name(l.type(), l.detail())));
            }
        });
        opEvents = ops.listen(v -> publish(Map.of("type", "operation", "operation", v)));
    }

    public AutoCloseable subscribe(Consumer<String> s) {
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    private void publish(Object event) {
        String text;
        try {
            text = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "event not serialisable", e);
            return;
        }
        for (Consumer<String> s : subscribers) {
            s.accept(text);
        }
    }

    @Override
    public void close() {
        domainEvents.close();
        try {
            opEvents.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "operation listener", e);
        }
    }
}
