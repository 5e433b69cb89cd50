/**
 * The QEMU/KVM driver: real qemu-system processes driven over QMP. Subpackages: {@code monitor} (the QMP
 * client), {@code process} (starting, watching and stopping qemu), {@code caps} (what a binary can do, and the
 * capabilities documents), {@code command} (domain XML to a qemu argument list).
 */
package org.jvirt.driver.qemu;
