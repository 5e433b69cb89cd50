package org.jvirt.install.guest;

/**
 * A disk as the domain sees it, once its storage is known.
 *
 * @param device     disk or cdrom
 * @param block      the source is a block device (source dev=) rather than a file
 * @param path       the source path, or null for an empty CD-ROM drive
 * @param format     the driver type (qcow2, raw), or null to leave it to libvirt
 * @param bus        the requested bus, or null for the OS-aware default
 * @param newVolume  the volume is made by this install (virt-install then asks for discard=unmap)
 */
public record GuestDisk(String device, boolean block, String path, String format, String bus, boolean newVolume) {

    public boolean isCdrom() {
        return "cdrom".equals(device);
    }
}
