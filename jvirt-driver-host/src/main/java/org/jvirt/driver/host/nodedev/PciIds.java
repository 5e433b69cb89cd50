package org.jvirt.driver.host.nodedev;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vendor and device names from the PCI ID database (pci.ids, what libpciaccess's pci_get_strings reads for
 * libvirt): loaded once, on first use. A missing database gives no names, as on a host without pciutils.
 */
final class PciIds {

    static final List<Path> LOCATIONS = List.of(Path.of("/usr/share/misc/pci.ids"), Path.of("/usr/share/hwdata/pci.ids"),
            Path.of("/usr/share/pci.ids"));

    private final Map<Integer, String> vendors = new HashMap<>();
    private final Map<Long, String> devices = new HashMap<>();

    private PciIds() {
    }

    static PciIds load() {
        PciIds ids = new PciIds();
        for (Path p : LOCATIONS) {
            if (Files.isReadable(p)) {
                try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    ids.read(r);
                } catch (IOException | RuntimeException e) {
                    System.getLogger(PciIds.class.getName()).log(System.Logger.Level.WARNING,
                            "cannot read PCI ids from " + p + ": " + e.getMessage());
                }
                break;
            }
        }
        return ids;
    }

    /** Vendor lines start at column 0, device lines with one tab; subsystems (two tabs) and classes (C) are skipped. */
    private void read(BufferedReader r) throws IOException {
        int vendor = -1;
        for (String line; (line = r.readLine()) != null; ) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("C ")) {
                return; // the class list follows all vendors
            }
            if (line.charAt(0) != '\t') {
                vendor = hexId(line, 0);
                if (vendor >= 0) {
                    vendors.put(vendor, line.substring(4).strip());
                }
            } else if (vendor >= 0 && line.length() > 1 && line.charAt(1) != '\t') {
                int device = hexId(line, 1);
                if (device >= 0) {
                    devices.put(((long) vendor << 16) | device, line.substring(5).strip());
                }
            }
        }
    }

    private static int hexId(String line, int at) {
        if (line.length() < at + 6) {
            return -1;
        }
        try {
            return Integer.parseInt(line.substring(at, at + 4), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    String vendor(int vendor) {
        return vendors.get(vendor);
    }

    String device(int vendor, int device) {
        return devices.get(((long) vendor << 16) | device);
    }
}
