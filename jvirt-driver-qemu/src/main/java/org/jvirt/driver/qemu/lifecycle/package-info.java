/**
 * Running domains: starting qemu from a definition, mapping QMP events to libvirt's states, reasons and lifecycle
 * events, carrying out on_poweroff/on_reboot/on_crash, noticing the process's end, stopping it politely or
 * forcibly, taking running guests back after the driver restarts, save/restore through QEMU's migration
 * stream, and live migration to another driver (Migration*: the steps of libvirt's migration protocol v3, job
 * info and abort).
 */
package org.jvirt.driver.qemu.lifecycle;
