/**
 * The driver SPI: what a driver implements (one entry-point table per object kind, every entry point
 * unsupported unless overridden), the identities that cross it (records like libvirt's remote_nonnull_*), and
 * the registry that picks a driver for a URI.
 */
package org.jvirt.spi;
