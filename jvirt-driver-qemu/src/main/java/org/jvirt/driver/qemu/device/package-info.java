/**
 * Devices and resources of running guests: hot-plug and unplug of disks and NICs (with the DEVICE_DELETED
 * hand-shake), CD-ROM media change and tray state, host tap devices for bridge and ethernet NICs, interface
 * statistics, vCPU hot-plug, IOThreads (added, removed, pinned and tuned live), settings given over QMP as a guest starts (the balloon statistics period), and the persistent config changes that go with them (libvirt's qemu_hotplug.c).
 */
package org.jvirt.driver.qemu.device;
