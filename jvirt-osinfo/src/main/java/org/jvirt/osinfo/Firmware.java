package org.jvirt.osinfo;

/**
 * A firmware statement of an OS ({@code <firmware arch="x86_64" type="efi" supported="false"/>}): whether the OS
 * boots with firmware {@code type} ("bios", "efi") on {@code arch}. An OS that supports efi but not bios on an
 * architecture requires UEFI there (virt-install's requires_firmware_efi).
 */
public record Firmware(String arch, String type, boolean supported) {
}
