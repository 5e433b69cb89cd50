package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * SMBIOS tables from {@code <sysinfo type='smbios'>} when {@code <os><smbios mode='sysinfo'/>} asks for them,
 * as libvirt 9.0's qemuBuildSmbiosCommandLine: type 0 (BIOS), 1 (system, with the domain's UUID), 2 (base
 * board), 3 (chassis) and 11 (OEM strings), each a {@code -smbios} argument.
 */
final class SysinfoArgs {

    /** The {@code <sysinfo>} sections and their SMBIOS table types, in the order libvirt writes them. */
    private static final List<Map.Entry<String, Integer>> SECTIONS = List.of(Map.entry("bios", 0),
            Map.entry("system", 1), Map.entry("baseBoard", 2), Map.entry("chassis", 3));

    /** The entry names libvirt's schema allows per section (they become QEMU keys, so nothing else passes). */
    private static final Map<String, java.util.Set<String>> NAMES = Map.of(
            "bios", java.util.Set.of("vendor", "version", "date", "release"),
            "system", java.util.Set.of("manufacturer", "product", "version", "serial", "uuid", "sku", "family"),
            "baseBoard", java.util.Set.of("manufacturer", "product", "version", "serial", "asset", "location"),
            "chassis", java.util.Set.of("manufacturer", "version", "serial", "asset", "sku"));

    private SysinfoArgs() {
    }

    static void add(DomainXml def, List<String> a) {
        Element os = Dom.child(def.element(), "os");
        Element smbios = os == null ? null : Dom.child(os, "smbios");
        String mode = smbios == null ? null : Dom.attribute(smbios, "mode");
        if (mode == null || mode.equals("emulate")) {
            return;
        }
        if (!mode.equals("sysinfo")) {
            throw BuildContext.unsupported("smbios mode '%s' is not supported by this driver yet", mode);
        }
        Element sysinfo = Dom.children(def.element(), "sysinfo").stream()
                .filter(s -> "smbios".equals(Dom.attribute(s, "type"))).findFirst().orElseThrow(
                        () -> BuildContext.unsupported("Domain requires SMBIOS, but none was set"));
        for (Map.Entry<String, Integer> section : SECTIONS) {
            Element part = Dom.child(sysinfo, section.getKey());
            if (part == null && section.getValue() != 1) {
                continue;
            }
            QemuOpts o = QemuOpts.of("type=" + section.getValue());
            boolean any = false;
            if (part != null) {
                for (Element entry : Dom.children(part, "entry")) {
                    String name = Dom.attribute(entry, "name");
                    if (name == null || !NAMES.get(section.getKey()).contains(name)) {
                        throw BuildContext.unsupported("unknown %s sysinfo entry '%s'", section.getKey(), name);
                    }
                    if ("uuid".equals(name)) {
                        continue; // the domain's own UUID is written below
                    }
                    o.add(name, Dom.text(entry));
                    any = true;
                }
            }
            if (section.getValue() == 1 && def.uuid() != null) {
                o.add("uuid", def.uuid().toString());
                any = true;
            }
            if (any) {
                a.add("-smbios");
                a.add(o.toString());
            }
        }
        Element oem = Dom.child(sysinfo, "oemStrings");
        if (oem != null) {
            for (Element s : Dom.children(oem, "entry")) {
                a.add("-smbios");
                a.add(QemuOpts.of("type=11").add("value", Dom.text(s)).toString());
            }
        }
    }
}
