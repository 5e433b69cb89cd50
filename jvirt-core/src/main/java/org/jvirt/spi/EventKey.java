package org.jvirt.spi;

/**
 * An event kind: the object family ("domain", "network", "storage_pool", "node_device", "secret", "qemu_monitor")
 * and libvirt's event id within it.
 */
public record EventKey(String family, int id) {
}
