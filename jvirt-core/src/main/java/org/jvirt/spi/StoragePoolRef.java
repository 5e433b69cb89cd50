package org.jvirt.spi;

import java.util.UUID;

/** Names a storage pool: name and UUID. */
public record StoragePoolRef(String name, UUID uuid) {
}
