package org.jvirt.install.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The host's answer for one guest: hypervisor type, architecture, emulator, machine types and features from the
 * capabilities (virt-install's {@code capsinfo}), and from the domain capabilities what firmware and devices the
 * emulator has (its {@code domcaps}).
 *
 * @param driver        the connection's driver type, lower case ("qemu", "test", ...)
 * @param domainType    kvm or qemu (or the driver's own type)
 * @param arch          the guest architecture
 * @param emulator      the emulator binary, or null
 * @param machines      the machine type names, in the capabilities' order (aliases included)
 * @param acpi          whether the guest may have ACPI
 * @param apic          whether the guest may have an APIC
 * @param pae           whether the guest may have PAE
 * @param domcaps       what the emulator offers
 */
public record HostFacts(String driver, String domainType, String arch, String emulator, List<String> machines,
        boolean acpi, boolean apic, boolean pae, DomainCaps domcaps) {

    /**
     * The domain capabilities virt-install consults.
     *
     * @param efi          the firmware enum offers efi
     * @param tpmEmulator  an emulated TPM is possible
     * @param tpmModels    the TPM models (tpm-crb, tpm-tis)
     * @param tpmPresent   the domcaps have a tpm element at all
     * @param videoModels  the video models
     * @param graphics     the graphics types
     */
    public record DomainCaps(boolean efi, boolean tpmEmulator, Set<String> tpmModels, boolean tpmPresent,
            Set<String> videoModels, Set<String> graphics) {
        public static final DomainCaps NONE = new DomainCaps(false, false, Set.of(), false, Set.of(), Set.of());
    }

    public boolean isQemu() {
        return "qemu".equals(driver);
    }

    public boolean isX86() {
        return "x86_64".equals(arch) || "i686".equals(arch);
    }

    /**
     * Reads the host for a guest. {@code virtType} and {@code arch} narrow the choice (null: kvm when offered, else
     * the first type; the host's own architecture).
     */
    public static HostFacts probe(Connect conn, String virtType, String wantArch) {
        String driver = conn.getType().toLowerCase(java.util.Locale.ROOT);
        Document caps = XmlParser.defaults().parse(conn.getCapabilities());
        Element root = caps.getDocumentElement();
        String hostArch = text(Dom.child(Dom.child(root, "host"), "cpu"), "arch");
        String arch = wantArch != null ? wantArch : hostArch;
        for (Element guest : Dom.children(root, "guest")) {
            if (!"hvm".equals(text(guest, "os_type"))) {
                continue;
            }
            Element archEl = Dom.child(guest, "arch");
            if (archEl == null || !arch.equals(Dom.attribute(archEl, "name"))) {
                continue;
            }
            List<String> types = new ArrayList<>();
            for (Element d : Dom.children(archEl, "domain")) {
                types.add(Dom.attribute(d, "type"));
            }
            String type;
            if (virtType != null) {
                if (!types.contains(virtType)) {
                    throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG,
                            "Host does not support domain type %s for virtualization type 'hvm' with architecture "
                                    + "'%s'", virtType, arch);
                }
                type = virtType;
            } else {
                type = types.contains("kvm") ? "kvm" : types.isEmpty() ? driver : types.get(0);
            }
            String emulator = text(archEl, "emulator");
            List<String> machines = new ArrayList<>();
            for (Element d : Dom.children(archEl, "domain")) {
                if (type.equals(Dom.attribute(d, "type"))) {
                    String own = text(d, "emulator");
                    emulator = own != null ? own : emulator;
                    for (Element m : Dom.children(d, "machine")) {
                        machines.add(Dom.text(m).strip());
                    }
                }
            }
            if (machines.isEmpty()) {
                for (Element m : Dom.children(archEl, "machine")) {
                    machines.add(Dom.text(m).strip());
                }
            }
            Element features = Dom.child(guest, "features");
            boolean acpi = features != null && Dom.child(features, "acpi") != null;
            boolean apic = features != null && Dom.child(features, "apic") != null;
            boolean pae = features != null && Dom.child(features, "pae") != null;
            return new HostFacts(driver, type, arch, emulator, List.copyOf(machines), acpi, apic, pae,
                    DomainCaps.NONE);
        }
        throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG,
                "Host does not support any virtualization options for arch='%s'", arch);
    }

    /** These facts with the domain capabilities for {@code machine} (only QEMU hosts have them). */
    public HostFacts withDomainCaps(Connect conn, String machine) {
        DomainCaps dc = isQemu() ? domainCaps(conn, emulator, arch, machine, domainType) : DomainCaps.NONE;
        return new HostFacts(driver, domainType, arch, emulator, machines, acpi, apic, pae, dc);
    }

    private static DomainCaps domainCaps(Connect conn, String emulator, String arch, String machine, String type) {
        String xml;
        try {
            xml = conn.getDomainCapabilities(emulator, arch, machine, type);
        } catch (VirtException e) {
            return DomainCaps.NONE; // an older host: virt-install then keeps its old defaults too
        }
        Element root = XmlParser.defaults().parse(xml).getDocumentElement();
        Element os = Dom.child(root, "os");
        boolean efi = os != null && enumValues(os, "firmware").contains("efi");
        if (!efi && os != null && Dom.child(os, "loader") != null) {
            // no firmware enum (old libvirt): virt-install looks for an OVMF/edk2 loader path
            for (Element v : Dom.children(Dom.child(os, "loader"), "value")) {
                String p = Dom.text(v);
                efi |= p.contains("OVMF") || p.contains("edk2");
            }
        }
        Element devices = Dom.child(root, "devices");
        Element tpm = devices == null ? null : Dom.child(devices, "tpm");
        boolean tpmOk = tpm != null && "yes".equals(Dom.attribute(tpm, "supported"));
        Set<String> tpmModels = tpmOk ? enumValues(tpm, "model") : Set.of();
        boolean tpmEmu = tpmOk && enumValues(tpm, "backendModel").contains("emulator");
        Element video = devices == null ? null : Dom.child(devices, "video");
        Element graphics = devices == null ? null : Dom.child(devices, "graphics");
        return new DomainCaps(efi, tpmEmu, tpmModels, tpm != null,
                video == null ? Set.of() : enumValues(video, "modelType"),
                graphics == null ? Set.of() : enumValues(graphics, "type"));
    }

    private static Set<String> enumValues(Element parent, String name) {
        Set<String> out = new TreeSet<>();
        for (Element e : Dom.children(parent, "enum")) {
            if (name.equals(Dom.attribute(e, "name"))) {
                for (Element v : Dom.children(e, "value")) {
                    out.add(Dom.text(v).strip());
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String child) {
        if (parent == null) {
            return null;
        }
        Element e = Dom.child(parent, child);
        return e == null ? null : Dom.text(e).strip();
    }
}
