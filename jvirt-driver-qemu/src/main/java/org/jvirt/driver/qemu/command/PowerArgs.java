package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * {@code <pm>}: whether the guest may suspend to RAM (S3) or disk (S4), as {@code -global}s of the machine's ACPI
 * power-management device (PIIX4_PM on pc, ICH9-LPC on q35), as libvirt 9.0's qemuBuildPMCommandLine.
 */
final class PowerArgs {

    private PowerArgs() {
    }

    static void add(DomainXml def, boolean q35, List<String> a) {
        Element pm = Dom.child(def.element(), "pm");
        if (pm == null) {
            return;
        }
        String device = q35 ? "ICH9-LPC" : "PIIX4_PM";
        state(pm, "suspend-to-mem", device + ".disable_s3=", a);
        state(pm, "suspend-to-disk", device + ".disable_s4=", a);
    }

    private static void state(Element pm, String what, String global, List<String> a) {
        Element e = Dom.child(pm, what);
        String enabled = e == null ? null : Dom.attribute(e, "enabled");
        if (enabled == null) {
            return;
        }
        a.add("-global");
        a.add(global + (enabled.equals("yes") ? "0" : "1"));
    }
}
