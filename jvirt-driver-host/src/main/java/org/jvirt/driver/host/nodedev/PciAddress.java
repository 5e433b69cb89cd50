package org.jvirt.driver.host.nodedev;

import org.jvirt.driver.host.XmlAppend;

/** A PCI address as the kernel names it (0000:00:03.0). */
record PciAddress(int domain, int bus, int slot, int function) {

    static PciAddress parse(String name) {
        String[] p = name.split("[:.]");
        if (p.length != 4) {
            throw new NumberFormatException("not a PCI address: " + name);
        }
        return new PciAddress(Integer.parseInt(p[0], 16), Integer.parseInt(p[1], 16), Integer.parseInt(p[2], 16),
                Integer.parseInt(p[3], 16));
    }

    /** libvirt's {@code <address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/>}. */
    void write(XmlAppend x) {
        x.add("address", null, "domain", String.format("0x%04x", domain), "bus", String.format("0x%02x", bus),
                "slot", String.format("0x%02x", slot), "function", "0x" + function);
    }
}
