/**
 * Character devices of running guests, on the host side: what libvirt prepares before QEMU opens them (the files
 * and socket directories, with libvirt's errors), the pty paths and virtio channel states QEMU reports
 * ({@code query-chardev}, {@code VSERPORT_CHANGE}) written into the live definition, and the lookup of a
 * device by alias that consoles and the guest agent share. The command line is {@code command.ChardevArgs}'s.
 */
package org.jvirt.driver.qemu.chardev;
