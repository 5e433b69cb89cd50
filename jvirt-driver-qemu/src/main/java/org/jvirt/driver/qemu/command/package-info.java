/**
 * Domain XML to a qemu-system argument list: one argv element per option and value, {@code -blockdev} and
 * {@code -device} style, with QEMU's comma escaping applied to every value that comes from the user. Pure: no
 * processes, no files; what must exist before QEMU starts (tap devices, sockets' directory) is returned with the
 * arguments. One class per part of the command line (FirmwareArgs, DiskArgs, NetArgs, UsbArgs, DisplayArgs and
 * SpiceArgs, VideoArgs, SoundArgs, RngArgs, BalloonArgs, WatchdogArgs, VsockArgs, ClockArgs, PowerArgs,
 * SysinfoArgs, ...), each following libvirt 9.0's qemu_command.c for its devices.
 */
package org.jvirt.driver.qemu.command;
