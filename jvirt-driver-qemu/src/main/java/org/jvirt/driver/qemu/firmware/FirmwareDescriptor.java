package org.jvirt.driver.qemu.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;

/**
 * One firmware descriptor file (QEMU's docs/interop/firmware.json).
 *
 * @param path         the descriptor file
 * @param interfaces   interface-types: uefi, bios, openfirmware, uboot
 * @param device       mapping.device: flash, memory, kernel
 * @param mode         for flash: split (code + variable template), combined, stateless
 * @param executable   the firmware image (flash executable, memory or kernel filename)
 * @param format       the executable's format (libvirt accepts only raw)
 * @param nvramTemplate the variable store template (split flash), or null
 * @param nvramFormat  its format
 * @param targets      architectures and machine globs it runs on
 * @param features     acpi-s3, secure-boot, requires-smm, enrolled-keys, amd-sev, ...
 */
public record FirmwareDescriptor(Path path, List<String> interfaces, String device, String mode,
        String executable, String format, String nvramTemplate, String nvramFormat, List<Target> targets,
        Set<String> features) {

    /** @param machines glob patterns such as {@code pc-q35-*} */
    public record Target(String architecture, List<String> machines) {

        boolean matches(String arch, String machine) {
            if (!architecture.equals(arch)) {
                return false;
            }
            for (String glob : machines) {
                if (globMatches(glob, machine)) {
                    return true;
                }
            }
            return false;
        }

        /** GLib's g_pattern_match_simple: '*' any run of characters, '?' one character, nothing else special. */
        static boolean globMatches(String glob, String s) {
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
                }
            }
            return s.matches(re.toString());
        }
    }

    /** Reads a descriptor; a file that is not one fails as libvirt's parser does (the whole selection fails). */
    public static FirmwareDescriptor read(Path file) {
        JsonNode root;
        try {
            root = QemuJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "unable to parse JSON '%s': %s", file, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "unable to parse JSON '%s'", file);
        }
        JsonNode mapping = root.path("mapping");
        String device = mapping.path("device").asText(null);
        if (device == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "missing device type in '%s'", file);
        }
        String mode = null;
        String executable;
        String format = "raw";
        String template = null;
        String templateFormat = null;
        switch (device) {
            case "flash" -> {
                mode = mapping.path("mode").asText("split");
                executable = mapping.path("executable").path("filename").asText(null);
                format = mapping.path("executable").path("format").asText("raw");
                if (mode.equals("split")) {
                    template = mapping.path("nvram-template").path("filename").asText(null);
                    templateFormat = mapping.path("nvram-template").path("format").asText("raw");
                }
            }
            case "memory", "kernel" -> executable = mapping.path("filename").asText(null);
            default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "unknown device type '%s' in '%s'", device, file);
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode t : root.path("targets")) {
            List<String> machines = new ArrayList<>();
            t.path("machines").forEach(m -> machines.add(m.asText()));
            targets.add(new Target(t.path("architecture").asText(), List.copyOf(machines)));
        }
        return new FirmwareDescriptor(file, texts(root.path("interface-types")), device, mode, executable, format,
                template, templateFormat, List.copyOf(targets), Set.copyOf(texts(root.path("features"))));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    /** Whether it runs this architecture (libvirt's name, e.g. x86_64) on this canonical machine type. */
    public boolean runs(String arch, String machine) {
        return targets.stream().anyMatch(t -> t.matches(arch, machine));
    }

    public boolean has(String feature) {
        return features.contains(feature);
    }
}
