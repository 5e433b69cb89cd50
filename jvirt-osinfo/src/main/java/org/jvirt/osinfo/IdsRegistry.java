package org.jvirt.osinfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PCI and USB id registries (pci.ids, usb.ids) read as libosinfo reads them
 * (osinfo_loader_process_file_reg_ids): a vendor line ({@code 1af4  Red Hat, Inc.}), device lines below it
 * indented by one tab, subsystem lines (two tabs) ignored. Each device becomes
 * {@code http://pcisig.com/pci/VENDOR/DEVICE} or {@code http://usb.org/usb/VENDOR/DEVICE}.
 */
final class IdsRegistry {
    /** One registry device, in file order. */
    record Entry(String id, String bus, String vendorId, String vendor, String productId, String product) {
    }

    /** Debian's places for the registries (libosinfo is built with these paths). */
    static final List<Path> PCI_IDS = List.of(Path.of("/usr/share/misc/pci.ids"), Path.of("/usr/share/hwdata/pci.ids"));
    static final List<Path> USB_IDS = List.of(Path.of("/usr/share/misc/usb.ids"), Path.of("/usr/share/hwdata/usb.ids"));

    private IdsRegistry() {
    }

    static List<Entry> readDefault() {
        List<Entry> out = new ArrayList<>();
        read(first(PCI_IDS), "http://pcisig.com", "pci", out);
        read(first(USB_IDS), "http://usb.org", "usb", out);
        return out;
    }

    private static Path first(List<Path> candidates) {
        for (Path p : candidates) {
            if (Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }

    static void read(Path file, String baseUri, String bus, List<Entry> out) {
        if (file == null) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String vendorId = null;
            String vendor = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("\t")) {
                    if (vendorId == null || line.startsWith("\t\t")) {
                        continue;
                    }
                    String[] idRest = idAndRest(line, 1);
                    if (idRest != null) {
                        out.add(new Entry(baseUri + "/" + bus + "/" + vendorId + "/" + idRest[0], bus, vendorId,
                                vendor, idRest[0], idRest[1]));
                    }
                } else {
                    String[] idRest = idAndRest(line, 0);
                    if (idRest != null) {
                        vendorId = idRest[0];
                        vendor = idRest[1];
                    }
                    // lines that are not a vendor (the class tables at the end: "C 00 ...") leave the vendor
                    // as it was, as libosinfo does; their indented lines then fail the id test
                }
            }
        } catch (IOException e) {
            throw new OsinfoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Four hex digits and a blank at {@code off}, then the name with leading blanks dropped; null otherwise. */
    private static String[] idAndRest(String line, int off) {
        if (line.length() <= off + 5) {
            return null;
        }
        for (int i = off; i < off + 4; i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return null;
            }
        }
        if (!Character.isWhitespace(line.charAt(off + 4))) {
            return null;
        }
        int s = off + 5;
        while (s < line.length() && line.charAt(s) == ' ') {
            s++;
        }
        return new String[] {line.substring(off, off + 4), line.substring(s)};
    }
}
