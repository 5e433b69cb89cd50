package org.jvirt.spi;


/** Names a host device by its node device name (e.g. {@code pci_0000_00_02_0}). */
public record NodeDeviceRef(String name) {
}
