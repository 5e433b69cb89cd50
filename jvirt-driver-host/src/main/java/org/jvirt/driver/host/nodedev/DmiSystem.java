package org.jvirt.driver.host.nodedev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jvirt.driver.host.nodedev.NodeCap.SystemCap;

/**
 * The "computer" device (udevGetDMIData): product, hardware and firmware from /sys/class/dmi/id. Without DMI
 * (many virtual machines) only the all-zero UUID remains, as libvirt writes it.
 */
final class DmiSystem {

    static final String NAME = "computer";
    private static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    private DmiSystem() {
    }

    static NodeDev read(Path sysRoot) {
        Path dmi = sysRoot.resolve("class/dmi/id");
        String uuid = value(dmi, "product_uuid");
        SystemCap cap = new SystemCap(value(dmi, "product_name"), value(dmi, "sys_vendor"),
                value(dmi, "product_version"), value(dmi, "product_serial"),
                uuid != null && UUID.matcher(uuid).matches() ? uuid.toLowerCase(java.util.Locale.ROOT) : ZERO_UUID,
                value(dmi, "bios_vendor"), value(dmi, "bios_version"), value(dmi, "bios_date"));
        return new NodeDev(NAME, null, null, List.of(), null, null, cap);
    }

    private static String value(Path dir, String name) {
        try {
            Path p = dir.resolve(name);
            if (!Files.isReadable(p)) {
                return null;
            }
            String v = Files.readString(p).strip();
            return v.isEmpty() ? null : v;
        } catch (IOException e) {
            return null;
        }
    }
}
