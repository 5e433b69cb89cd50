/**
 * Domain XML to a qemu-system argument list: one argv element per option and value, {@code -blockdev} and
 * {@code -device} style, with QEMU's comma escaping applied to every value that comes from the user. Pure: no
 * processes, no files; what must exist before QEMU starts (tap devices, sockets' directory) is returned with the
 * arguments.
 */
package org.jvirt.driver.qemu.command;
