package org.jvirt.event;

/** A live event subscription. Closing it deregisters the listener; events already queued are dropped. */
public interface EventRegistration extends AutoCloseable {

    /** The callback id, unique within the connection (libvirt's callbackID). */
    int callbackId();

    @Override
    void close();
}
