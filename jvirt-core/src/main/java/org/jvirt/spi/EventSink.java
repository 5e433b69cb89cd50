package org.jvirt.spi;

import org.jvirt.ConnectCloseReason;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.StoragePoolEvent;

/**
 * Where a driver connection raises events. The connection behind it queues them per subscriber, so a driver may
 * call it from any thread, holding its own locks: no listener code runs inside these calls.
 */
public interface EventSink {

    void domainEvent(DomainRef dom, DomainEvent event);

    void networkEvent(NetworkRef net, NetworkEvent event);

    void storagePoolEvent(StoragePoolRef pool, StoragePoolEvent event);

    void nodeDeviceEvent(NodeDeviceRef dev, NodeDeviceEvent event);

    void secretEvent(SecretRef secret, SecretEvent event);

    /**
     * The connection closed under the application (a remote peer went away); the connection's close callback is
     * told. Drivers whose connections cannot break never call it.
     */
    default void connectionClosed(ConnectCloseReason reason) {
    }

    /** A sink that drops everything, for connections nobody listens on. */
    EventSink NONE = new EventSink() {
        public void domainEvent(DomainRef dom, DomainEvent event) {
        }

        public void networkEvent(NetworkRef net, NetworkEvent event) {
        }

        public void storagePoolEvent(StoragePoolRef pool, StoragePoolEvent event) {
        }

        public void nodeDeviceEvent(NodeDeviceRef dev, NodeDeviceEvent event) {
        }

        public void secretEvent(SecretRef secret, SecretEvent event) {
        }
    };
}
