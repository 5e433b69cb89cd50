package org.jvirt.driver.qemu.caps;

import java.util.List;

/** The driver's {@code capabilities} document (virConnectGetCapabilities), shaped as libvirt's QEMU driver's. */
public final class CapabilitiesBuilder {

    private CapabilitiesBuilder() {
    }

    public static String build(HostInfo host, List<QemuCaps> binaries, KvmSupport kvm) {
        XmlOut x = new XmlOut();
        x.open("capabilities");
        x.open("host");
        x.text("uuid", host.uuid());
        x.open("cpu");
        x.text("arch", host.arch());
        if (host.cpuModel() != null) {
            x.text("model", host.cpuModel());
        }
        if (host.vendor() != null) {
            x.text("vendor", host.vendor());
        }
        x.empty("topology", "sockets", "1", "dies", "1", "cores", String.valueOf(host.cpus().size()), "threads", "1");
        x.empty("pages", "unit", "KiB", "size", "4");
        x.close("cpu");
        x.empty("power_management");
        x.empty("iommu", "support", "no");
        x.open("migration_features").empty("live");
        x.open("uri_transports").text("uri_transport", "tcp").close("uri_transports");
        x.close("migration_features");
        x.open("topology").open("cells", "num", "1").open("cell", "id", "0");
        x.text("memory", host.memoryKiB(), "unit", "KiB");
        x.open("cpus", "num", String.valueOf(host.cpus().size()));
        for (int id : host.cpus()) {
            x.empty("cpu", "id", String.valueOf(id), "socket_id", "0", "die_id", "0", "core_id", String.valueOf(id),
                    "siblings", String.valueOf(id));
        }
        x.close("cpus").close("cell").close("cells").close("topology");
        x.open("secmodel").text("model", "none").text("doi", "0").close("secmodel");
        x.close("host");
        for (QemuCaps c : binaries) {
            guest(x, host, c, kvm);
        }
        x.close("capabilities");
        return x.toString();
    }

    private static void guest(XmlOut x, HostInfo host, QemuCaps c, KvmSupport kvm) {
        x.open("guest");
        x.text("os_type", "hvm");
        x.open("arch", "name", c.arch());
        x.text("wordsize", QemuBinaries.wordsize(c.arch()));
        x.text("emulator", c.binary());
        for (QemuCaps.Machine m : c.machines()) {
            String dep = m.deprecated() ? "yes" : null;
            x.text("machine", m.name(), "maxCpus", String.valueOf(m.maxCpus()), "deprecated", dep);
            if (m.alias() != null) {
                x.text("machine", m.alias(), "canonical", m.name(), "maxCpus", String.valueOf(m.maxCpus()),
                        "deprecated", dep);
            }
        }
        x.empty("domain", "type", "qemu");
        if (kvmOffered(host, c, kvm)) {
            x.empty("domain", "type", "kvm");
        } else {
            x.comment("domain type 'kvm' not offered: " + kvmReason(host, c, kvm));
        }
        x.close("arch");
        x.open("features");
        boolean x86 = c.arch().equals("x86_64") || c.arch().equals("i686");
        if (c.arch().equals("i686")) {
            x.empty("pae").empty("nonpae");
        }
        if (x86) {
            x.empty("acpi", "default", "on", "toggle", "yes");
            x.empty("apic", "default", "on", "toggle", "no");
        }
        x.empty("cpuselection");
        x.empty("deviceboot");
        x.empty("disksnapshot", "default", "on", "toggle", "no");
        x.close("features");
        x.close("guest");
    }

    /** KVM runs a guest only for the host's own architecture (or i686 on x86_64) and when the host allows it. */
    static boolean kvmOffered(HostInfo host, QemuCaps c, KvmSupport kvm) {
        return kvm.usable() && c.kvmPresent() && sameFamily(host.arch(), c.arch());
    }

    static String kvmReason(HostInfo host, QemuCaps c, KvmSupport kvm) {
        if (!sameFamily(host.arch(), c.arch())) {
            return "the host is " + host.arch() + ", the guest " + c.arch();
        }
        if (!kvm.usable()) {
            return kvm.reason();
        }
        return c.binary() + " reports no KVM support (query-kvm: not present)";
    }

    private static boolean sameFamily(String hostArch, String guestArch) {
        return hostArch.equals(guestArch) || (hostArch.equals("x86_64") && guestArch.equals("i686"));
    }
}
