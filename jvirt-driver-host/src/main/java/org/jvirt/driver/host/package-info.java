/**
 * The host-resource driver of a real host (libvirt's nodedev, interface and secret drivers): one shared state per
 * {@link org.jvirt.spi.HostScope}, lent to every local hypervisor connection of that scope through
 * {@link org.jvirt.spi.Driver#attach} and served on its own as {@code secret:///}, {@code nodedev:///} and
 * {@code interface:///} (system or session). This package owns the driver entry, the per-scope state registry,
 * event fan-out and private-file writing; the kinds live in {@code .secret}, {@code .nodedev} and {@code .iface}.
 */
package org.jvirt.driver.host;
