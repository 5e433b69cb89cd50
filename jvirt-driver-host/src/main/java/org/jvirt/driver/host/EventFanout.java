package org.jvirt.driver.host;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.SecretEvent;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.NodeDeviceRef;
import org.jvirt.spi.SecretRef;

/**
 * The event sinks of every open connection of one scope: an event raised by the shared state reaches all of them,
 * as libvirt's per-driver virObjectEventState reaches every registered connection. Sinks queue per subscriber, so
 * raising never runs listener code.
 */
public final class EventFanout {

    private final Set<EventSink> sinks = new CopyOnWriteArraySet<>();

    void add(EventSink sink) {
        sinks.add(sink);
    }

    void remove(EventSink sink) {
        sinks.remove(sink);
    }

    public void secretEvent(SecretRef ref, SecretEvent event) {
        sinks.forEach(s -> s.secretEvent(ref, event));
    }

    public void nodeDeviceEvent(NodeDeviceRef ref, NodeDeviceEvent event) {
        sinks.forEach(s -> s.nodeDeviceEvent(ref, event));
    }
}
