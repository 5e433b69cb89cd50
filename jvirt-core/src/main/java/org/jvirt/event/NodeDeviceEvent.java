package org.jvirt.event;

/** What happened to a node device. */
public sealed interface NodeDeviceEvent {

    NodeDeviceEventId id();

    record Lifecycle(NodeDeviceEventType type, int detail) implements NodeDeviceEvent {
        public NodeDeviceEventId id() {
            return NodeDeviceEventId.LIFECYCLE;
        }
    }

    record Update() implements NodeDeviceEvent {
        public NodeDeviceEventId id() {
            return NodeDeviceEventId.UPDATE;
        }
    }
}
