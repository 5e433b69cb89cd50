package org.jvirt.driver.qemu.caps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.firmware.FirmwareDescriptor;

/**
 * The {@code domainCapabilities} document (virConnectGetDomainCapabilities) for one binary, machine and virt
 * type. It lists what this driver's command-line builder can turn into QEMU arguments and this binary has, not
 * everything QEMU could do.
 */
public final class DomainCapabilitiesBuilder {

    private DomainCapabilitiesBuilder() {
    }

    /**
     * @param virttype {@code kvm}, {@code qemu}, or null for the best the host offers
     * @param machine  a machine name or alias, or null for the default
     */
    public static String build(HostInfo host, QemuCaps c, KvmSupport kvm, String machine, String virttype) {
        return build(host, c, kvm, machine, virttype, List.of());
    }

    /** @param firmware QEMU's firmware descriptors, in the order they are tried */
    public static String build(HostInfo host, QemuCaps c, KvmSupport kvm, String machine, String virttype,
            List<FirmwareDescriptor> firmware) {
        String domainType;
        if (virttype == null) {
            domainType = CapabilitiesBuilder.kvmOffered(host, c, kvm) ? "kvm" : "qemu";
        } else {
            domainType = virttype.toLowerCase(Locale.ROOT);
            if (!domainType.equals("qemu") && !domainType.equals("kvm")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "unknown virttype: %s", virttype);
            }
            if (domainType.equals("kvm") && !CapabilitiesBuilder.kvmOffered(host, c, kvm)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "KVM is not supported by '%s' on this host: %s", c.binary(),
                        CapabilitiesBuilder.kvmReason(host, c, kvm));
            }
        }
        String requested = machine == null ? c.defaultMachine() : machine;
        QemuCaps.Machine m = c.machine(requested).orElseThrow(() -> VirtException.of(ErrorDomain.QEMU,
                ErrorNumber.INVALID_ARG, "the machine '%s' is not supported by emulator '%s'", requested,
                c.binary()));
        boolean isKvm = domainType.equals("kvm");

        XmlOut x = new XmlOut();
        x.open("domainCapabilities");
        x.text("path", c.binary());
        x.text("domain", domainType);
        x.text("machine", m.name());
        x.text("arch", c.arch());
        if (!isKvm && !CapabilitiesBuilder.kvmOffered(host, c, kvm)) {
            x.comment("KVM not offered: " + CapabilitiesBuilder.kvmReason(host, c, kvm));
        }
        x.empty("vcpu", "max", String.valueOf(m.maxCpus()));
        x.empty("iothreads", "supported", "yes");
        x.open("os", "supported", "yes");
        firmware(x, c, m, firmware);
        x.close("os");

        x.open("cpu");
        x.open("mode", "name", "host-passthrough", "supported", isKvm ? "yes" : "no");
        if (isKvm) {
            x.enumOf("hostPassthroughMigratable", List.of("on", "off"));
        }
        x.close("mode");
        x.open("mode", "name", "maximum", "supported", "yes");
        x.enumOf("maximumMigratable", List.of("on", "off"));
        x.close("mode");
        x.empty("mode", "name", "host-model", "supported", "no");
        x.open("mode", "name", "custom", "supported", c.cpuModels().isEmpty() ? "no" : "yes");
        for (QemuCaps.CpuModel cpu : c.cpuModels()) {
            if (cpu.name().equals("max") || cpu.name().equals("host") || cpu.name().equals("base")) {
                continue; // modes, not models
            }
            x.text("model", cpu.name(), "usable", isKvm ? "unknown" : (cpu.usable() ? "yes" : "no"),
                    "deprecated", cpu.deprecated() ? "yes" : null, "vendor", vendorOf(cpu.name()));
        }
        x.close("mode");
        x.close("cpu");

        x.open("memoryBacking", "supported", "yes");
        x.enumOf("sourceType", List.of("file", "anonymous", "memfd"));
        x.close("memoryBacking");

        x.open("devices");
        x.open("disk", "supported", "yes");
        x.enumOf("diskDevice", List.of("disk", "cdrom"));
        x.enumOf("bus", present(c, Map.of("ide", "ide-hd", "scsi", "scsi-hd", "virtio", "virtio-blk-pci",
                "sata", "ich9-ahci"), List.of("ide", "scsi", "virtio", "sata")));
        x.enumOf("model", c.hasDevice("virtio-blk-pci") ? List.of("virtio") : List.of());
        x.close("disk");
        x.open("graphics", "supported", "yes");
        x.enumOf("type", c.hasDevice("qxl") ? List.of("vnc", "spice") : List.of("vnc"));
        x.close("graphics");
        x.open("video", "supported", "yes");
        List<String> video = new ArrayList<>(present(c, Map.of("vga", "VGA", "cirrus", "cirrus-vga",
                "qxl", "qxl-vga", "virtio", "virtio-vga", "bochs", "bochs-display", "ramfb", "ramfb"),
                List.of("vga", "cirrus", "qxl", "virtio", "bochs", "ramfb")));
        video.add("none");
        x.enumOf("modelType", video);
        x.close("video");
        x.empty("hostdev", "supported", "no");
        x.open("rng", "supported", c.hasDevice("virtio-rng-pci") ? "yes" : "no");
        x.enumOf("model", c.hasDevice("virtio-rng-pci") ? List.of("virtio") : List.of());
        x.enumOf("backendModel", List.of("random", "builtin"));
        x.close("rng");
        x.open("filesystem", "supported", "yes");
        x.enumOf("driverType", present(c, Map.of("path", "virtio-9p-pci", "virtiofs", "vhost-user-fs-pci"),
                List.of("path", "virtiofs")));
        x.close("filesystem");
        boolean tpm = c.hasDevice("tpm-crb") || c.hasDevice("tpm-tis");
        x.open("tpm", "supported", tpm ? "yes" : "no");
        if (tpm) {
            x.enumOf("model", present(c, Map.of("tpm-tis", "tpm-tis", "tpm-crb", "tpm-crb"),
                    List.of("tpm-tis", "tpm-crb")));
            x.enumOf("backendModel", List.of("passthrough", "emulator", "external"));
        }
        x.close("tpm");
        x.close("devices");

        x.open("features");
        x.empty("gic", "supported", "no");
        x.empty("vmcoreinfo", "supported", "no");
        x.empty("genid", "supported", "no");
        x.empty("backingStoreInput", "supported", "no");
        x.empty("backup", "supported", "no");
        x.empty("sev", "supported", "no");
        x.empty("sgx", "supported", "no");
        x.close("features");
        x.close("domainCapabilities");
        return x.toString();
    }

    /**
     * libvirt's virQEMUCapsFillDomainOSCaps: the interfaces that autoselection can satisfy for this machine, and
     * the installed images of the descriptors that fit it; {@code secure='yes'} once one of them needs SMM.
     */
    private static void firmware(XmlOut x, QemuCaps c, QemuCaps.Machine m, List<FirmwareDescriptor> firmware) {
        List<FirmwareDescriptor> fit = firmware.stream().filter(f -> f.runs(c.arch(), m.name())).toList();
        List<String> kinds = new ArrayList<>();
        if (fit.stream().anyMatch(f -> f.interfaces().contains("bios"))) {
            kinds.add("bios");
        }
        if (fit.stream().anyMatch(f -> f.interfaces().contains("uefi"))) {
            kinds.add("efi");
        }
        x.enumOf("firmware", kinds);
        x.open("loader", "supported", "yes");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (FirmwareDescriptor f : fit) {
            if (!f.device().equals("kernel") && f.executable() != null
                    && java.nio.file.Files.exists(java.nio.file.Path.of(f.executable()))) {
                seen.add(f.executable());
            }
        }
        seen.forEach(v -> x.text("value", v));
        x.enumOf("type", List.of("rom", "pflash"));
        x.enumOf("readonly", List.of("yes", "no"));
        x.enumOf("secure", fit.stream().anyMatch(f -> f.has("requires-smm")) ? List.of("yes", "no")
                : List.of("no"));
        x.close("loader");
    }

    private static List<String> present(QemuCaps c, Map<String, String> valueToDevice, List<String> order) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String v : order) {
            ordered.put(v, valueToDevice.get(v));
        }
        return ordered.entrySet().stream().filter(e -> c.hasDevice(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** QMP does not say whose a CPU model is; the family names do. */
    static String vendorOf(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("epyc") || m.startsWith("opteron") || m.startsWith("phenom") || m.startsWith("athlon")) {
            return "AMD";
        }
        if (m.startsWith("dhyana")) {
            return "Hygon";
        }
        for (String intel : List.of("skylake", "cascadelake", "cooperlake", "icelake", "sapphirerapids", "haswell",
                "broadwell", "nehalem", "westmere", "sandybridge", "ivybridge", "conroe", "penryn", "snowridge",
                "denverton", "core2duo", "coreduo", "pentium", "n270", "486", "kaby", "cooper")) {
            if (m.startsWith(intel)) {
                return "Intel";
            }
        }
        return "unknown";
    }
}
