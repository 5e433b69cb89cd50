package org.jvirt.install.os;

import java.util.List;

/**
 * The devices whose support changes virt-install's choices, each with the osinfo device ids virt-install's
 * osdict.py checks (1af4:1001 virtio-block and 1af4:1042 virtio1.0-block, ...). One home for the mapping.
 */
public enum OsDevice {
    VIRTIO_DISK("http://pcisig.com/pci/1af4/1001", "http://pcisig.com/pci/1af4/1042"),
    VIRTIO_SCSI("http://pcisig.com/pci/1af4/1004", "http://pcisig.com/pci/1af4/1048"),
    VIRTIO_NET("http://pcisig.com/pci/1af4/1000", "http://pcisig.com/pci/1af4/1041"),
    /** virtio 1.0 as a whole; virt-install takes virtio1.0-net as its proxy. */
    VIRTIO1("http://pcisig.com/pci/1af4/1041"),
    VIRTIO_RNG("http://pcisig.com/pci/1af4/1005", "http://pcisig.com/pci/1af4/1044"),
    VIRTIO_BALLOON("http://pcisig.com/pci/1af4/1002", "http://pcisig.com/pci/1af4/1045"),
    VIRTIO_SERIAL("http://pcisig.com/pci/1af4/1003", "http://pcisig.com/pci/1af4/1043"),
    VIRTIO_GPU("http://pcisig.com/pci/1af4/1050"),
    VIRTIO_INPUT("http://pcisig.com/pci/1af4/1052"),
    USB3("http://pcisig.com/pci/1b36/0004"),
    Q35("http://qemu.org/chipset/x86/q35");

    private final List<String> osinfoIds;

    OsDevice(String... osinfoIds) {
        this.osinfoIds = List.of(osinfoIds);
    }

    /** The osinfo device ids any of which means support. */
    public List<String> osinfoIds() {
        return osinfoIds;
    }
}
