package org.jvirt.event;

/** What happened to a storage pool. */
public sealed interface StoragePoolEvent {

    StoragePoolEventId id();

    record Lifecycle(StoragePoolEventType type, int detail) implements StoragePoolEvent {
        public StoragePoolEventId id() {
            return StoragePoolEventId.LIFECYCLE;
        }
    }

    record Refresh() implements StoragePoolEvent {
        public StoragePoolEventId id() {
            return StoragePoolEventId.REFRESH;
        }
    }
}
