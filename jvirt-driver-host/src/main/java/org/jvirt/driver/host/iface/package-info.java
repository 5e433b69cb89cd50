/**
 * Host interfaces as libvirt's udev interface backend reports them (interface_backend_udev.c), read from
 * /sys/class/net and /proc/net/vlan: listing by link state, lookups, and the interface XML of ethernet, bridge
 * (with its members), bond (with its slaves) and vlan devices, plus the addresses iproute2 reports. The backend
 * is read-only: defining, starting, stopping and transactions answer NO_SUPPORT, as libvirt's udev backend does.
 */
package org.jvirt.driver.host.iface;
