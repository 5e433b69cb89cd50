package org.jvirt.install.guest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.install.InstallRequest.CharSpec;
import org.jvirt.install.InstallRequest.GraphicsSpec;
import org.jvirt.install.InstallRequest.NetworkSpec;
import org.jvirt.install.host.HostFacts;
import org.jvirt.install.os.OsDevice;
import org.jvirt.install.os.OsFacts;

/**
 * Applies virt-install 4.1's defaults (virtinst/guest.py {@code set_defaults} and each device's) to a
 * {@link GuestSpec} and writes the domain XML as virt-install does: the final guest, and when the install boots
 * differently (install media, on_reboot=destroy, a NoCloud SMBIOS serial), the first-boot guest before it.
 */
public final class GuestComposer {

    /** virt-install's {@code num_pcie_root_ports}: free hot-plug slots on q35. */
    static final int PCIE_ROOT_PORTS = 14;

    private GuestComposer() {
    }

    /** The XML of both phases; {@code initial} is null when the install has no first boot of its own. */
    public record Composed(String initial, String fin) {
        /** What --print-xml prints: the first-boot XML, then the final one. */
        public String printed() {
            return initial == null ? fin : initial + fin;
        }
    }

    public static Composed compose(GuestSpec g) {
        Derived d = derive(g);
        GuestSpec.InstallPhase ip = g.install();
        List<String> finalBoot = g.bootOrder().isEmpty() && g.kernel() == null ? postInstallBoot(g, d) : g.bootOrder();
        XmlNode fin = domain(g, d, finalBoot, g.kernel(), g.initrd(), g.kernelArgs(), false);
        boolean needsInitial = ip.cloudInit() || ip.seedCdrom() != null || ip.hasInstallPhase();
        if (!needsInitial) {
            return new Composed(null, fin.toXml());
        }
        // the first boot: install media, install kernel, never reboot into the installer again
        String kernel = ip.kernel() != null ? ip.kernel() : g.kernel();
        String initrd = ip.initrd() != null ? ip.initrd() : g.initrd();
        String args = ip.kernel() != null ? ip.kernelArgs() : g.kernelArgs();
        List<String> initialBoot = List.of();
        if (ip.bootDev() != null && kernel == null) {
            initialBoot = bootOrder(ip.bootDev(), d.disks);
        } else if (ip.bootDev() == null && kernel == null) {
            initialBoot = finalBoot;
        }
        XmlNode initial = domain(g, d, initialBoot, kernel, initrd, args, true);
        // the defined guest keeps the drive but not the media (Windows keeps it: its install has more stages)
        for (XmlNode disk : devicesOf(fin).children()) {
            if (!"disk".equals(disk.name()) || !"cdrom".equals(disk.attr("device"))) {
                continue;
            }
            String src = sourceOf(disk);
            boolean installMedia = src != null && src.equals(ip.cdrom()) && !g.os().isWindows();
            if (installMedia || (src != null && src.equals(ip.seedCdrom()))) {
                disk.children().removeIf(c -> c.name().equals("source") || c.name().equals("driver"));
            }
        }
        return new Composed(initial.toXml(), fin.toXml());
    }

    private static XmlNode devicesOf(XmlNode domain) {
        return domain.children().stream().filter(c -> c.name().equals("devices")).findFirst().orElseThrow();
    }

    private static String sourceOf(XmlNode disk) {
        for (XmlNode c : disk.children()) {
            if (c.name().equals("source")) {
                return c.attr("file") != null ? c.attr("file") : c.attr("dev");
            }
        }
        return null;
    }

    /** Decisions that depend on the OS and the host but not on the phase. */
    record Derived(boolean q35, boolean pcie, boolean x86, boolean qemu, boolean kvm, boolean spice,
            List<XmlNode> disks, List<XmlNode> nets, boolean anyScsi) {}

    static Derived derive(GuestSpec g) {
        HostFacts h = g.host();
        boolean q35 = g.machine() != null && (g.machine().equals("q35") || g.machine().startsWith("pc-q35"));
        boolean x86 = h.isX86();
        boolean qemu = h.isQemu();
        boolean spice = g.graphics() != null && "spice".equals(g.graphics().type());
        List<XmlNode> disks = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        boolean anyScsi = false;
        for (GuestDisk disk : g.disks()) {
            String bus = disk.bus() != null ? disk.bus() : defaultBus(g, disk, q35);
            anyScsi |= "scsi".equals(bus);
            disks.add(diskNode(disk, bus, nextTarget(bus, used)));
        }
        List<XmlNode> nets = new ArrayList<>();
        for (NetworkSpec n : g.networks()) {
            nets.add(netNode(g, n, q35));
        }
        return new Derived(q35, q35, x86, qemu, "kvm".equals(h.domainType()), spice, disks, nets, anyScsi);
    }

    private static String defaultBus(GuestSpec g, GuestDisk disk, boolean q35) {
        if (disk.isCdrom()) {
            return q35 ? "sata" : "ide";
        }
        if (g.os().supports(OsDevice.VIRTIO_DISK)) {
            return "virtio";
        }
        return q35 ? "sata" : "ide";
    }

    private static String nextTarget(String bus, Map<String, Integer> used) {
        String prefix = switch (bus) {
            case "virtio" -> "vd";
            case "ide" -> "hd";
            case "xen" -> "xvd";
            case "fdc" -> "fd";
            default -> "sd";
        };
        int i = used.merge(prefix, 1, Integer::sum) - 1;
        return prefix + diskLetters(i);
    }

    /** a..z, aa..zz, as libvirt names disks. */
    static String diskLetters(int index) {
        StringBuilder sb = new StringBuilder();
        int i = index;
        do {
            sb.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return sb.toString();
    }

    private static XmlNode diskNode(GuestDisk disk, String bus, String target) {
        XmlNode n = XmlNode.of("disk").attr("type", disk.block() ? "block" : "file").attr("device", disk.device());
        if (disk.path() != null) {
            String format = disk.format() != null ? disk.format() : "raw";
            n.child("driver").attr("name", "qemu").attr("type", format)
                    .attr("discard", disk.newVolume() && !disk.isCdrom() ? "unmap" : null);
            n.child("source").attr(disk.block() ? "dev" : "file", disk.path());
        }
        n.child("target").attr("dev", target).attr("bus", bus);
        if (disk.isCdrom()) {
            n.child("readonly");
        }
        return n;
    }

    private static XmlNode netNode(GuestSpec g, NetworkSpec n, boolean q35) {
        String type = switch (n.kind()) {
            case NETWORK -> "network";
            case BRIDGE -> "bridge";
            default -> "user";
        };
        XmlNode x = XmlNode.of("interface").attr("type", type);
        if (n.kind() == NetworkSpec.Kind.NETWORK) {
            x.child("source").attr("network", n.source());
        } else if (n.kind() == NetworkSpec.Kind.BRIDGE) {
            x.child("source").attr("bridge", n.source());
        }
        x.child("mac").attr("address", n.mac());
        String model = n.model() != null ? n.model() : defaultNetModel(g, q35);
        if (model != null) {
            x.child("model").attr("type", model);
        }
        return x;
    }

    private static String defaultNetModel(GuestSpec g, boolean q35) {
        if (g.os().supports(OsDevice.VIRTIO_NET)) {
            return "virtio";
        }
        if (q35) {
            return "e1000e";
        }
        return g.host().isX86() ? "e1000" : null;
    }

    /** virt-install's {@code _build_boot_order}: the device, and hd when there is a hard disk. */
    private static List<String> bootOrder(String dev, List<XmlNode> disks) {
        List<String> order = new ArrayList<>(List.of(dev));
        if (disks.stream().anyMatch(x -> "disk".equals(x.attr("device"))) && !order.contains("hd")) {
            order.add("hd");
        }
        return order;
    }

    /** virt-install's {@code _get_postinstall_bootdev}. */
    private static List<String> postInstallBoot(GuestSpec g, Derived d) {
        GuestSpec.InstallPhase ip = g.install();
        String dev;
        boolean anyDisk = d.disks.stream().anyMatch(x -> "disk".equals(x.attr("device")));
        if (ip.bootDev() != null) {
            dev = anyDisk ? "hd" : ip.bootDev();
        } else if (d.disks.isEmpty()) {
            dev = "hd";
        } else {
            String first = d.disks.get(0).attr("device");
            dev = "cdrom".equals(first) ? "cdrom" : "floppy".equals(first) ? "fd" : "hd";
        }
        return bootOrder(dev, d.disks);
    }

    private static XmlNode domain(GuestSpec g, Derived d, List<String> boot, String kernel, String initrd,
            String args, boolean installBoot) {
        HostFacts h = g.host();
        OsFacts os = g.os();
        XmlNode dom = XmlNode.of("domain").attr("type", h.domainType());
        dom.child("name").text(g.name());
        dom.child("uuid").text(g.uuid());
        if (os.id() != null) {
            XmlNode lo = dom.child("metadata").child("libosinfo:libosinfo")
                    .attr("xmlns:libosinfo", "http://libosinfo.org/xmlns/libvirt/domain/1.0");
            lo.child("libosinfo:os").attr("id", os.id());
        }
        // a network install may need more memory on its first boot (virt-install raises both figures there)
        Long installMem = installBoot ? g.install().memoryKiB() : null;
        long memKiB = installMem != null ? installMem : g.memoryKiB();
        dom.child("memory").text(memKiB);
        dom.child("currentMemory").text(memKiB);
        dom.child("vcpu").text(g.vcpus());
        XmlNode osNode = dom.child("os").attr("firmware", g.uefi() ? "efi" : null);
        osNode.child("type").attr("arch", h.arch()).attr("machine", g.machine()).text("hvm");
        if (kernel != null) {
            osNode.child("kernel").text(kernel);
        }
        if (initrd != null) {
            osNode.child("initrd").text(initrd);
        }
        if (args != null && !args.isEmpty()) {
            osNode.child("cmdline").text(args);
        }
        for (String b : boot) {
            osNode.child("boot").attr("dev", b);
        }
        if (g.bootMenu() != null) {
            osNode.child("bootmenu").attr("enable", g.bootMenu() ? "yes" : "no");
        }
        boolean smbiosSeed = installBoot && g.install().cloudInit() && (d.x86 || !d.qemu);
        if (smbiosSeed) {
            osNode.child("smbios").attr("mode", "sysinfo");
        }
        features(dom, g, d);
        if (d.kvm && d.x86) {
            dom.child("cpu").attr("mode", "host-passthrough");
        }
        clock(dom, g, d);
        if (d.x86 && (d.qemu || "test".equals(h.driver()))) {
            XmlNode pm = dom.child("pm");
            pm.child("suspend-to-mem").attr("enabled", "no");
            pm.child("suspend-to-disk").attr("enabled", "no");
        }
        devices(dom.child("devices"), g, d);
        if (installBoot) {
            dom.child("on_reboot").text("destroy");
        }
        if (smbiosSeed) {
            XmlNode sys = dom.child("sysinfo").attr("type", "smbios");
            sys.child("system").child("entry").attr("name", "serial").text("ds=nocloud");
        }
        return dom;
    }

    private static void features(XmlNode dom, GuestSpec g, Derived d) {
        XmlNode f = XmlNode.of("features");
        HostFacts h = g.host();
        if (h.acpi()) {
            f.child("acpi");
        }
        if (h.apic()) {
            f.child("apic");
        }
        if (h.pae()) {
            f.child("pae");
        }
        if (g.os().isWindows()) {
            XmlNode hv = f.child("hyperv");
            hv.child("relaxed").attr("state", "on");
            hv.child("vapic").attr("state", "on");
            hv.child("spinlocks").attr("state", "on").attr("retries", "8191");
        }
        if (d.spice && d.x86 && (d.qemu || "test".equals(h.driver()))) {
            f.child("vmport").attr("state", "off");
        }
        if (!f.children().isEmpty()) {
            dom.add(f);
        }
    }

    private static void clock(XmlNode dom, GuestSpec g, Derived d) {
        boolean local = g.os().isWindows() || "solaris".equals(g.os().family());
        XmlNode c = dom.child("clock").attr("offset", local ? "localtime" : "utc");
        if (d.x86 && d.qemu) {
            c.child("timer").attr("name", "rtc").attr("tickpolicy", "catchup");
            c.child("timer").attr("name", "pit").attr("tickpolicy", "delay");
            c.child("timer").attr("name", "hpet").attr("present", "no");
            if (g.os().isWindows()) {
                c.child("timer").attr("name", "hypervclock").attr("present", "yes");
            }
        }
    }

    private static void devices(XmlNode dev, GuestSpec g, Derived d) {
        HostFacts h = g.host();
        OsFacts os = g.os();
        if (h.emulator() != null) {
            dev.child("emulator").text(h.emulator());
        }
        for (XmlNode disk : d.disks) {
            dev.add(disk.copy());
        }
        // controllers: USB, virtio-scsi for SCSI disks, then q35's PCIe root and its hot-plug ports
        if (d.qemu || "test".equals(h.driver())) {
            if (d.x86 && os.supports(OsDevice.USB3)) {
                dev.child("controller").attr("type", "usb").attr("model", "qemu-xhci").attr("ports", "15");
            } else if (d.x86) {
                dev.child("controller").attr("type", "usb").attr("model", "ich9-ehci1");
                for (int i = 1; i <= 3; i++) {
                    dev.child("controller").attr("type", "usb").attr("model", "ich9-uhci" + i)
                            .child("master").attr("startport", (i - 1) * 2);
                }
            }
        }
        if (d.anyScsi && os.supports(OsDevice.VIRTIO_SCSI)) {
            dev.child("controller").attr("type", "scsi").attr("model", "virtio-scsi");
        }
        if (d.pcie) {
            dev.child("controller").attr("type", "pci").attr("model", "pcie-root");
            for (int i = 0; i < PCIE_ROOT_PORTS; i++) {
                dev.child("controller").attr("type", "pci").attr("model", "pcie-root-port");
            }
        }
        for (XmlNode n : d.nets) {
            dev.add(n.copy());
        }
        for (CharSpec s : g.serials()) {
            charDev(dev, "serial", s);
        }
        for (CharSpec c : g.consoles()) {
            charDev(dev, "console", c);
        }
        if (g.consoles().isEmpty() && g.serials().isEmpty()) {
            dev.child("console").attr("type", "pty");
        }
        if (d.qemu && os.supports(OsDevice.VIRTIO_SERIAL)) {
            XmlNode ch = dev.child("channel").attr("type", "unix");
            ch.child("source").attr("mode", "bind");
            ch.child("target").attr("type", "virtio").attr("name", "org.qemu.guest_agent.0");
        }
        GraphicsSpec gfx = g.graphics();
        if (d.spice) {
            dev.child("channel").attr("type", "spicevmc")
                    .child("target").attr("type", "virtio").attr("name", "com.redhat.spice.0");
        }
        if (gfx != null && d.x86) {
            dev.child("input").attr("type", "tablet").attr("bus", "usb");
        }
        if (g.uefi() && h.domcaps().tpmEmulator()) {
            boolean crb = !h.domcaps().tpmPresent() || h.domcaps().tpmModels().contains("tpm-crb");
            XmlNode tpm = dev.child("tpm").attr("model", crb ? "tpm-crb" : null);
            tpm.child("backend").attr("type", "emulator");
        }
        if (gfx != null) {
            XmlNode gn = dev.child("graphics").attr("type", gfx.type());
            if (d.spice) {
                gn.attr("port", gfx.port() != null ? gfx.port() : -1).attr("tlsPort", -1)
                        .attr("autoport", gfx.port() == null ? "yes" : null).attr("listen", gfx.listen());
                gn.child("image").attr("compression", "off");
            } else if ("vnc".equals(gfx.type())) {
                gn.attr("port", gfx.port() != null ? gfx.port() : -1).attr("listen", gfx.listen());
            }
        }
        if (d.spice) {
            dev.child("sound").attr("model", d.pcie ? "ich9" : "ich6");
        }
        if (gfx != null) {
            dev.child("video").child("model").attr("type", videoModel(g, d));
        }
        if (d.spice && d.x86) {
            dev.child("redirdev").attr("bus", "usb").attr("type", "spicevmc");
            dev.child("redirdev").attr("bus", "usb").attr("type", "spicevmc");
        }
        if (d.qemu && os.supports(OsDevice.VIRTIO_BALLOON)) {
            dev.child("memballoon").attr("model", "virtio");
        }
        if (d.qemu && os.supports(OsDevice.VIRTIO_RNG)) {
            dev.child("rng").attr("model", "virtio").child("backend").attr("model", "random").text("/dev/urandom");
        }
    }

    private static void charDev(XmlNode dev, String kind, CharSpec c) {
        XmlNode n = dev.child(kind).attr("type", c.type() == null ? "pty" : c.type());
        if (c.path() != null) {
            n.child("source").attr("path", c.path());
        }
        if (c.targetType() != null) {
            n.child("target").attr("type", c.targetType());
        }
    }

    /** virt-install's DeviceVideo.default_model. */
    private static String videoModel(GuestSpec g, Derived d) {
        HostFacts.DomainCaps dc = g.host().domcaps();
        if (dc.videoModels().contains("virtio") && g.os().supports(OsDevice.VIRTIO_GPU)) {
            return "virtio";
        }
        if (d.x86 && d.spice && dc.videoModels().contains("qxl")) {
            return "qxl";
        }
        if (g.uefi() && dc.videoModels().contains("bochs")) {
            return "bochs";
        }
        return "vga";
    }
}
