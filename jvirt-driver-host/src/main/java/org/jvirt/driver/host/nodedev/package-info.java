/**
 * Node devices of the running host as libvirt's udev backend reports them (node_device_udev.c), read straight
 * from sysfs because these hosts run no udev daemon: {@link org.jvirt.driver.host.nodedev.SysfsDevice} (one
 * device's sysfs entry, kernel uevent properties and, where a udev database exists, udev's), the classification
 * into libvirt's capabilities ({@link org.jvirt.driver.host.nodedev.CapabilityReader},
 * {@link org.jvirt.driver.host.nodedev.NodeCap}), the device table with parents
 * ({@link org.jvirt.driver.host.nodedev.NodeDevTable}), kernel uevents through {@code udevadm monitor --kernel}
 * ({@link org.jvirt.driver.host.nodedev.UeventMonitor}) and the entry points
 * ({@link org.jvirt.driver.host.nodedev.HostNodeDevices}).
 */
package org.jvirt.driver.host.nodedev;
