/**
 * Guest firmware, as libvirt's qemu_firmware.c handles it: QEMU's firmware descriptors (the JSON files of the
 * firmware interop specification, {@code /usr/share/qemu/firmware}), picking the one that fits a domain's
 * {@code <os firmware='efi'>} and its requested features, and the per-guest UEFI variable store (NVRAM) copied
 * from the chosen firmware's template.
 */
package org.jvirt.driver.qemu.firmware;
