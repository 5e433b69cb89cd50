package org.jvirt.driver.qemu.domain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventType;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.EventSink;

/**
 * The connections of one driver state that hear its events. Sinks only queue, so events may be raised from any
 * thread and under a domain's lock; every connection of the state sees every event, whichever caused it.
 */
public final class EventBus {

    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();

    public void add(EventSink s) {
        sinks.add(s);
    }

    public void remove(EventSink s) {
        sinks.remove(s);
    }

    public void lifecycle(DomainRef dom, DomainEventType type, int detail) {
        emit(dom, new DomainEvent.Lifecycle(type, detail));
    }

    public void emit(DomainRef dom, DomainEvent event) {
        for (EventSink s : sinks) {
            s.domainEvent(dom, event);
        }
    }
}
