package org.jvirt;

/** libvirt's {@code virStoragePoolInfo}; sizes in bytes. */
public record StoragePoolInfo(StoragePoolState state, long capacity, long allocation, long available) {
}
