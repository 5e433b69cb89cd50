package org.jvirt.spi;


/** Names a storage volume: its pool's name, its name, and its key (unique on the host; for files, the path). */
public record StorageVolRef(String pool, String name, String key) {
}
