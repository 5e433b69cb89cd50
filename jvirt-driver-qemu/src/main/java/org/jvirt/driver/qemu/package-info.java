/**
 * The QEMU/KVM driver: real qemu-system processes driven over QMP. This package holds the SPI side
 * ({@code qemu:///system} and {@code qemu:///session}, the entry-point tables, the shared driver state);
 * subpackages: {@code domain} (domains, config and status files, events), {@code lifecycle} (start, stop, QMP
 * events, reconnect, save/restore, runtime queries), {@code monitor} (the QMP client), {@code process}
 * (starting, watching and stopping qemu), {@code caps} (what a binary can do, and the capabilities documents),
 * {@code command} (domain XML to a qemu argument list).
 */
package org.jvirt.driver.qemu;
