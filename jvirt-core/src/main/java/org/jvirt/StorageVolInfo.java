package org.jvirt;

/** libvirt's {@code virStorageVolInfo}; sizes in bytes. */
public record StorageVolInfo(StorageVolType type, long capacity, long allocation) {
}
