/**
 * Host interfaces: the kernel's links as libvirt's udev interface backend reports them (interface_backend_udev.c),
 * read from /sys/class/net and /proc/net/vlan (listing by link state, lookups, the XML of ethernet, bridge, bond
 * and vlan devices with their members, plus the addresses iproute2 reports), and, as libvirt's netcf backend
 * does, persisted definitions that define/undefine keep, create/destroy apply with iproute2 (bridge, bond, vlan,
 * ethernet), the driver re-applies at start (start mode onboot), and change transactions snapshot and restore.
 */
package org.jvirt.driver.host.iface;
