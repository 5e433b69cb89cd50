package org.jvirt.driver.host.nodedev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What libvirt reads from a PCI device's configuration space when privileged (virPCIGetHeaderType,
 * virPCIDeviceIsPCIExpress, virPCIDeviceGetLinkCapSta): the header type and the PCI Express link. Only root
 * reads past the first 64 bytes, so for anyone else this gives nothing, as libvirt's session driver writes none.
 */
final class PciConfig {

    private static final String[] HEADER_TYPES = {"endpoint", "pci-bridge", "cardbus-bridge"};
    private static final String[] LINK_SPEEDS = {"", "2.5", "5", "8", "16", "32", "64"};
    private static final int CAP_ID_EXP = 0x10;

    /** A PCI Express link end: port (-1 when not negotiable), speed in GT/s as libvirt names it, width. */
    record Link(int port, String speed, int width) {
    }

    /** @param cap null with sta null for a PCIe device without a link (root complex integrated) */
    record Express(Link cap, Link sta) {
    }

    /** @param headerType null for an endpoint (libvirt writes no header capability then) */
    record Info(String headerType, Express express) {
        static final Info NONE = new Info(null, null);
    }

    private PciConfig() {
    }

    static Info read(Path device, boolean privileged) {
        if (!privileged) {
            return Info.NONE;
        }
        byte[] c;
        try {
            c = Files.readAllBytes(device.resolve("config"));
        } catch (IOException e) {
            return Info.NONE;
        }
        if (c.length < 64) {
            return Info.NONE;
        }
        int hdr = c[0x0e] & 0x7f;
        if (hdr >= HEADER_TYPES.length) {
            throw new BadSysfsValue("Unknown PCI header type '" + hdr + "' for device '" + device.getFileName() + "'");
        }
        int pos = findCapability(c, CAP_ID_EXP);
        Express express = null;
        if (pos != 0 && pos + 0x14 <= c.length) {
            int type = (u16(c, pos + 2) & 0x00f0) >> 4;
            boolean hasLink = type != 0x9 && type != 0xa; // root complex integrated endpoint / event collector
            if (hasLink) {
                long cap = u32(c, pos + 0x0c);
                int sta = u16(c, pos + 0x12);
                express = new Express(new Link((int) (cap >>> 24), speed((int) (cap & 0xf)), (int) ((cap & 0x3f0) >> 4)),
                        new Link(-1, speed(sta & 0xf), (sta & 0x3f0) >> 4));
            } else {
                express = new Express(null, null);
            }
        }
        return new Info(hdr == 0 ? null : HEADER_TYPES[hdr], express);
    }

    private static String speed(int code) {
        return code > 0 && code < LINK_SPEEDS.length ? LINK_SPEEDS[code] : null;
    }

    /** virPCIDeviceFindCapabilityOffset: the classic capability list (no extended capabilities). */
    private static int findCapability(byte[] c, int id) {
        if ((u16(c, 0x06) & 0x10) == 0) {
            return 0;
        }
        int pos = c[0x34] & 0xff;
        for (int hops = 0; pos >= 0x40 && pos != 0xff && pos + 1 < c.length && hops < 48; hops++) {
            if ((c[pos] & 0xff) == id) {
                return pos;
            }
            pos = c[pos + 1] & 0xff;
        }
        return 0;
    }

    private static int u16(byte[] c, int at) {
        return (c[at] & 0xff) | (c[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] c, int at) {
        return (u16(c, at) | (long) u16(c, at + 2) << 16) & 0xffffffffL;
    }
}
