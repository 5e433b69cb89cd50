package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Filters for listing node devices. libvirt's {@code virConnectListAllNodeDeviceFlags}, same values. */
public enum ListNodeDevicesFlag implements BitFlag {
    CAP_SYSTEM(1),
    CAP_PCI_DEV(2),
    CAP_USB_DEV(4),
    CAP_USB_INTERFACE(8),
    CAP_NET(16),
    CAP_SCSI_HOST(32),
    CAP_SCSI_TARGET(64),
    CAP_SCSI(128),
    CAP_STORAGE(256),
    CAP_FC_HOST(512),
    CAP_VPORTS(1024),
    CAP_SCSI_GENERIC(2048),
    CAP_DRM(4096),
    CAP_MDEV_TYPES(8192),
    CAP_MDEV(16384),
    CAP_CCW_DEV(32768),
    CAP_CSS_DEV(65536),
    CAP_VDPA(131072),
    CAP_AP_CARD(262144),
    CAP_AP_QUEUE(524288),
    CAP_AP_MATRIX(1048576),
    CAP_VPD(2097152),
    INACTIVE(1073741824),
    ACTIVE(0x80000000);

    private final int bit;

    ListNodeDevicesFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
