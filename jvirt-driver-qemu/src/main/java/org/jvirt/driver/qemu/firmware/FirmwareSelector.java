package org.jvirt.driver.qemu.firmware;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.OsXml;
import org.w3c.dom.Element;

/**
 * Checks a domain's firmware request and fills in the firmware it gets, as libvirt 9.0's
 * virDomainDefOSValidate, qemuValidateDomainDef (UEFI needs ACPI) and qemuFirmwareFillDomain do: for
 * {@code <os firmware='efi'>} the first descriptor (by file name) whose interface, architecture, machine and
 * features fit becomes {@code <loader readonly='yes' type='pflash'>} with an NVRAM path in the driver's nvram
 * directory and, when the firmware requires SMM, {@code <smm state='on'/>} and {@code secure='yes'}; the live
 * definition then names that firmware instead of asking for one.
 */
public final class FirmwareSelector {

    private FirmwareSelector() {
    }

    /**
     * Validates the firmware request and, when there is one, fills in the firmware for this binary: the whole
     * of what a start (or a dry run) does with firmware before the command line is built.
     */
    public static void prepare(DomainXml def, QemuCaps caps, FirmwareDescriptors descriptors, Path nvramDir) {
        validate(def, caps.arch().equals("x86_64") || caps.arch().equals("i686"));
        if (def.os().firmware() == null && def.os().loader() == null) {
            return;
        }
        String machine = def.os().machine() != null ? def.os().machine() : caps.defaultMachine();
        fill(def, def.os().arch() != null ? def.os().arch() : caps.arch(), caps.canonicalMachine(machine),
                descriptors.load(), nvramDir);
    }

    /** What libvirt's parser and validator refuse in {@code <os>}'s firmware parts. */
    public static void validate(DomainXml def, boolean x86) {
        OsXml os = def.os();
        String fw = os.firmware();
        Element loader = loader(os);
        if (fw != null) {
            if (!fw.equals("efi") && !fw.equals("bios")) {
                throw detail("unknown firmware value %s", fw);
            }
            if (loader != null) {
                if (os.loaderReadonly() != null) {
                    throw detail("loader attribute 'readonly' cannot be specified when firmware autoselection is enabled");
                }
                if (os.loaderType() != null) {
                    throw detail("loader attribute 'type' cannot be specified when firmware autoselection is enabled");
                }
                if (os.loader() != null && !os.loader().isBlank()) {
                    throw detail("loader path cannot be specified when firmware autoselection is enabled");
                }
                if (Boolean.FALSE.equals(os.loaderSecure())) {
                    throw detail("loader attribute 'secure' cannot be specified when firmware autoselection is enabled");
                }
            }
            if (os.nvramTemplate() != null) {
                throw detail("nvram attribute 'template' cannot be specified when firmware autoselection is enabled");
            }
            if (os.nvram() != null && !fw.equals("efi")) {
                throw detail("firmware type '%s' does not support nvram", fw);
            }
        } else {
            if (os.hasFirmwareFeatures()) {
                throw detail("cannot use feature-based firmware autoselection when firmware autoselection is disabled");
            }
            if (loader != null && (os.loader() == null || os.loader().isBlank())) {
                throw detail("no loader path specified and firmware auto selection disabled");
            }
        }
        if (Boolean.TRUE.equals(os.loaderStateless())) {
            if (os.nvramTemplate() != null) {
                throw detail("NVRAM template is not permitted when loader is stateless");
            }
            if (os.nvram() != null) {
                throw detail("NVRAM is not permitted when loader is stateless");
            }
        }
        if (os.loaderType() != null && !os.loaderType().equals("rom") && !os.loaderType().equals("pflash")) {
            throw detail("unknown loader type value %s", os.loaderType());
        }
        if (fw == null && os.nvram() != null && !"pflash".equals(os.loaderType())) {
            throw detail("Only pflash loader type permits NVRAM");
        }
        if (Boolean.TRUE.equals(os.firmwareFeature("enrolled-keys"))
                && Boolean.FALSE.equals(os.firmwareFeature("secure-boot"))) {
            throw detail("firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled");
        }
        boolean uefi = "efi".equals(fw) || "pflash".equals(os.loaderType());
        if (x86 && uefi && !def.features().has("acpi")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "UEFI requires ACPI on this architecture");
        }
    }

    /**
     * Fills in the firmware of a definition about to start (the live copy): for {@code firmware='efi'|'bios'}
     * the chosen descriptor's images, for a hand-given read-only pflash loader without a template the template
     * a descriptor of that image names. The {@code firmware} attribute is cleared, as libvirt 9.0 does.
     *
     * @param arch     the guest architecture, libvirt's name
     * @param machine  the canonical machine type (pc-q35-7.2, not q35): descriptors list those
     * @param nvramDir where per-guest variable stores live ({@code NAME_VARS.fd})
     */
    public static void fill(DomainXml def, String arch, String machine, List<FirmwareDescriptor> descriptors,
            Path nvramDir) {
        OsXml os = def.os();
        String fw = os.firmware();
        boolean needResult = fw != null;
        if (fw == null) {
            // an old-style read-only pflash loader: a descriptor may name the template for its missing store
            if (!"pflash".equals(os.loaderType()) || !Boolean.TRUE.equals(os.loaderReadonly())
                    || os.nvramTemplate() != null || Boolean.TRUE.equals(os.loaderStateless())) {
                return;
            }
            if (os.nvram() == null) {
                os.nvram(nvramPath(nvramDir, def.name()).toString(), null);
            }
        }
        Optional<FirmwareDescriptor> chosen = descriptors.stream()
                .filter(d -> matches(def, d, arch, machine)).findFirst();
        if (chosen.isEmpty()) {
            if (needResult) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "Unable to find any firmware to satisfy '%s'", fw);
            }
            return;
        }
        enable(def, chosen.get(), nvramDir);
        os.firmware(null);
        // the request is answered: the live definition (which a restore or an incoming migration starts from)
        // names the firmware itself, and feature-based selection without autoselection would not validate
        Dom.removeChildren(os.element(), "firmware");
    }

    /** The variable store libvirt gives a guest that names none: {@code NVRAMDIR/NAME_VARS.fd}. */
    public static Path nvramPath(Path nvramDir, String name) {
        return nvramDir.resolve(name + "_VARS.fd");
    }

    /** libvirt's qemuFirmwareMatchDomain. */
    static boolean matches(DomainXml def, FirmwareDescriptor d, String arch, String machine) {
        OsXml os = def.os();
        String want = os.firmware() == null ? null : (os.firmware().equals("efi") ? "uefi" : "bios");
        if (want == null) {
            want = "uefi"; // a pflash loader given by hand
            if (!d.device().equals("flash") || !os.loader().strip().equals(d.executable())) {
                return false;
            }
        }
        if (!d.interfaces().contains(want) || !d.runs(arch, machine)) {
            return false;
        }
        Element pm = pm(def);
        if (pm != null && enabled(pm, "suspend-to-mem") && !d.has("acpi-s3")) {
            return false;
        }
        if (pm != null && enabled(pm, "suspend-to-disk") && !d.has("acpi-s4")) {
            return false;
        }
        Boolean secureBoot = os.firmwareFeature("secure-boot");
        Boolean enrolled = os.firmwareFeature("enrolled-keys");
        if (Boolean.TRUE.equals(enrolled)) {
            secureBoot = true; // libvirt's post-parse: enrolled keys imply secure boot
        }
        if (secureBoot != null && secureBoot != d.has("secure-boot")) {
            return false;
        }
        if (enrolled != null && enrolled != d.has("enrolled-keys")) {
            return false;
        }
        if (Boolean.TRUE.equals(os.loaderSecure()) && !d.has("requires-smm")) {
            return false;
        }
        if (d.device().equals("flash")) {
            String mode = Boolean.TRUE.equals(os.loaderStateless()) ? "stateless" : "split";
            if (!mode.equals(d.mode())) {
                return false;
            }
        }
        return true;
    }

    /** libvirt's qemuFirmwareEnableFeatures. */
    private static void enable(DomainXml def, FirmwareDescriptor d, Path nvramDir) {
        OsXml os = def.os();
        switch (d.device()) {
            case "flash" -> {
                if (!"raw".equals(d.format())) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                            "unsupported flash format '%s'", d.format());
                }
                Boolean secure = os.loaderSecure();
                os.loader(d.executable(), "pflash", true);
                os.loaderSecure(secure);
                if ("split".equals(d.mode())) {
                    if (!"raw".equals(d.nvramFormat())) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                                "unsupported nvram template format '%s'", d.nvramFormat());
                    }
                    String nvram = os.nvram() != null ? os.nvram() : nvramPath(nvramDir, def.name()).toString();
                    os.nvram(nvram, d.nvramTemplate());
                }
            }
            case "memory" -> os.loader(d.executable(), "rom", null);
            case "kernel" -> os.kernel(d.executable());
            default -> throw new IllegalStateException(d.device());
        }
        if (d.has("requires-smm")) {
            Element smm = def.features().get("smm");
            String state = smm == null ? null : Dom.attribute(smm, "state");
            if ("off".equals(state)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "domain has SMM turned off but chosen firmware requires it");
            }
            if (smm == null) {
                Dom.setAttribute(def.features().enable("smm"), "state", "on");
            }
            os.loaderSecure(true);
        }
    }

    private static Element loader(OsXml os) {
        return Dom.child(os.element(), "loader");
    }

    private static Element pm(DomainXml def) {
        return Dom.child(def.element(), "pm");
    }

    private static boolean enabled(Element pm, String what) {
        Element e = Dom.child(pm, what);
        return e != null && "yes".equals(Dom.attribute(e, "enabled"));
    }

    private static VirtException detail(String format, Object... args) {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_DETAIL, format, args);
    }
}
