package org.jvirt.spi;


/** Names a host network interface: name and MAC address. */
public record InterfaceRef(String name, String mac) {
}
