package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.OsXml;
import org.w3c.dom.Element;

/**
 * The firmware's arguments, as libvirt 9.0 builds them once the firmware is chosen: a ROM loader is
 * {@code -bios}; a pflash loader and its variable store are {@code -blockdev} pairs named
 * {@code libvirt-pflash0/1-storage|format} that {@code -machine pflash0=,pflash1=} takes; a secure loader
 * limits flash writes to SMM with {@code -global driver=cfi.pflash01,property=secure,value=on}.
 */
final class FirmwareArgs {

    static final String PFLASH0 = "libvirt-pflash0-format";
    static final String PFLASH1 = "libvirt-pflash1-format";

    private FirmwareArgs() {
    }

    /** The firmware must have been chosen (FirmwareSelector.fill) before the command line is built. */
    static void checkResolved(DomainXml def) {
        if (def.os().firmware() != null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "firmware '%s' was not resolved before building the command line", def.os().firmware());
        }
    }

    /** The pflash blockdevs, which precede {@code -machine} (it refers to them). */
    static void blockdevs(DomainXml def, List<String> a) {
        OsXml os = def.os();
        if (!isPflash(os)) {
            return;
        }
        pflash(a, 0, os.loader().strip(), Boolean.TRUE.equals(os.loaderReadonly()));
        if (os.nvram() != null) {
            pflash(a, 1, os.nvram().strip(), false);
        }
    }

    private static void pflash(List<String> a, int unit, String path, boolean readOnly) {
        String storage = "libvirt-pflash" + unit + "-storage";
        a.add("-blockdev");
        a.add(QemuOpts.of("driver=file").add("filename", path).add("node-name", storage)
                .add("auto-read-only", true).add("discard", "unmap").toString());
        a.add("-blockdev");
        a.add(QemuOpts.empty().add("node-name", "libvirt-pflash" + unit + "-format").add("read-only", readOnly)
                .add("driver", "raw").add("file", storage).toString());
    }

    /** {@code smm=on|off} for {@code -machine}, or null when {@code <smm>} is absent (QEMU's default). */
    static String smm(DomainXml def) {
        Element smm = def.features().get("smm");
        if (smm == null) {
            return null;
        }
        String state = Dom.attribute(smm, "state");
        return state == null || state.equals("on") ? "on" : "off";
    }

    /** Adds {@code pflash0=} and {@code pflash1=} to the machine options. */
    static void machine(DomainXml def, QemuOpts machine) {
        OsXml os = def.os();
        if (!isPflash(os)) {
            return;
        }
        machine.add("pflash0", PFLASH0);
        if (os.nvram() != null) {
            machine.add("pflash1", PFLASH1);
        }
    }

    /** {@code -bios} for a ROM loader, {@code -global ...secure} for a secure pflash one. */
    static void afterCpu(DomainXml def, List<String> a) {
        OsXml os = def.os();
        if (os.loader() == null) {
            return;
        }
        if (os.loaderType() == null || "rom".equals(os.loaderType())) {
            a.add("-bios");
            a.add(os.loader().strip());
        } else if (isPflash(os) && Boolean.TRUE.equals(os.loaderSecure())) {
            a.add("-global");
            a.add("driver=cfi.pflash01,property=secure,value=on");
        }
    }

    private static boolean isPflash(OsXml os) {
        return os.loader() != null && "pflash".equals(os.loaderType());
    }
}
