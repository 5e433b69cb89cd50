package org.jvirt.event;

/** What happened to a virtual network. */
public sealed interface NetworkEvent {

    NetworkEventId id();

    record Lifecycle(NetworkEventType type, int detail) implements NetworkEvent {
        public NetworkEventId id() {
            return NetworkEventId.LIFECYCLE;
        }
    }
}
