package org.jvirt.spi;


/** Names a network filter binding: the port device and the filter's name. */
public record NWFilterBindingRef(String portDev, String filterName) {
}
