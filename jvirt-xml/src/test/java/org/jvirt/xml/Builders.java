package org.jvirt.xml;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jvirt.xml.caps.CapabilitiesXml;
import org.jvirt.xml.caps.DomainCapabilitiesXml;
import org.jvirt.xml.domain.ClockXml;
import org.jvirt.xml.domain.CpuXml;
import org.jvirt.xml.domain.DevicesXml;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.LifecycleAction;
import org.jvirt.xml.iface.InterfaceXml;
import org.jvirt.xml.network.NetworkIpXml;
import org.jvirt.xml.network.NetworkXml;
import org.jvirt.xml.nodedev.NodeDeviceXml;
import org.jvirt.xml.nwfilter.FilterRef;
import org.jvirt.xml.nwfilter.NwFilterBindingXml;
import org.jvirt.xml.nwfilter.NwFilterXml;
import org.jvirt.xml.secret.SecretUsage;
import org.jvirt.xml.secret.SecretXml;
import org.jvirt.xml.snapshot.DomainSnapshotXml;
import org.jvirt.xml.storage.StoragePoolXml;
import org.jvirt.xml.storage.StorageVolumeXml;
import org.jvirt.xml.value.MacAddress;

/** Documents built from scratch with the typed API, one or more per kind; used by several tests. */
final class Builders {
    static final UUID UUID1 = UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");

    private Builders() {
    }

    /** A full guest built in a deliberately scrambled order: the output must still be in libvirt's order. */
    static DomainXml fullDomain() {
        DomainXml d = DomainXml.create("kvm", "built");
        DevicesXml dev = d.devices();
        dev.addInterface(new InterfaceSource.Network("default", null))
                .mac(MacAddress.tryParse("52:54:00:12:34:56")).model("virtio");
        DiskXml disk = dev.addDisk(new DiskSource.File("/var/lib/jvirt/images/built.qcow2"), "disk");
        disk.driver(new DiskXml.DiskDriver("qemu", "qcow2", "none")).target("vda", "virtio");
        disk.bootOrder(1);
        disk.address("pci").pci(0, 4, 0, 0);
        dev.addDisk(new DiskSource.Block("/dev/sdb"), "disk").target("vdb", "virtio").shareable(true);
        dev.addDisk(new DiskSource.Network("nbd", "export", List.of(DiskSource.Host.of("nbd.example.org", 10809))),
                "disk").target("vdc", "virtio");
        dev.addDisk(new DiskSource.Volume("default", "vol1", null), "disk").target("vdd", "virtio");
        dev.addDisk(new DiskSource.File(null), "cdrom").target("sda", "sata").readonly(true);
        dev.emulator("/usr/bin/qemu-system-x86_64");
        dev.addController("usb", 0, "qemu-xhci");
        dev.addInterface(new InterfaceSource.Bridge("br0")).model("e1000e").targetDev("vnet9");
        dev.addInterface(new InterfaceSource.User());
        dev.addInterface(new InterfaceSource.Direct("eth0", "bridge"));
        dev.addCharDevice("serial", "pty").target("isa-serial", 0, null);
        dev.addCharDevice("console", "pty").target("serial", 0, null);
        dev.addCharDevice("channel", "unix").target("virtio", null, "org.qemu.guest_agent.0");
        dev.addGraphics("vnc").port(-1).autoport(true).listen("127.0.0.1");
        dev.addGraphics("spice").autoport(true);
        dev.addVideo("virtio").heads(1);
        dev.addInput("tablet", "usb");
        dev.addSound("ich9");
        dev.addRng("virtio").randomBackend("/dev/urandom");
        dev.setMemballoon("virtio").statsPeriod(5);
        dev.addWatchdog("i6300esb", "reset");
        dev.addHostdev().pci(0, 6, 2, 0);
        dev.addHostdev().usb("0x1234", "0xbeef");
        d.onCrash(LifecycleAction.DESTROY).onReboot(LifecycleAction.RESTART).onPoweroff(LifecycleAction.DESTROY);
        ClockXml clock = d.clock().offset("utc");
        clock.addTimer(new ClockXml.Timer("rtc", "catchup", null));
        clock.addTimer(new ClockXml.Timer("hpet", null, false));
        CpuXml cpu = d.cpu().mode("custom").match("exact");
        cpu.model("Skylake-Client").modelFallback("allow");
        cpu.topology(new CpuXml.Topology(1, 1, 2, 1));
        cpu.addFeature("vmx", "require");
        d.features().enable("acpi");
        d.features().enable("apic");
        d.os().type("hvm").arch("x86_64").machine("q35");
        d.os().bootDevices(List.of("hd", "network"));
        d.os().loader("/usr/share/OVMF/OVMF_CODE_4M.fd", "pflash", true);
        d.os().nvram("/var/lib/jvirt/nvram/built_VARS.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd");
        d.vcpu().count(4).placement("static").current(2);
        d.currentMemoryKiB(1048576L);
        d.memoryKiB(2097152);
        d.metadata().set("http://jvirt.org/ns/test/1", "jt", "<owner team='infra'>ops</owner>");
        d.description("Built by the typed API");
        d.title("Built");
        d.uuid(UUID1);
        return d;
    }

    static DomainXml directKernelDomain() {
        DomainXml d = DomainXml.create("qemu", "kernel-boot").memoryKiB(262144).vcpus(1);
        d.os().type("hvm").kernel("/boot/vmlinuz").initrd("/boot/initrd.img").cmdline("console=ttyS0");
        return d;
    }

    static NetworkXml network() {
        NetworkXml n = NetworkXml.create("built-net").uuid(UUID1);
        n.forward("nat", null).bridge("virbr3", true, 0).mac(MacAddress.tryParse("52:54:00:aa:00:01"));
        n.domainName("built.lan");
        NetworkIpXml ip = n.addIp(null, "192.168.33.1", 24);
        ip.addDhcpHost(NetworkIpXml.DhcpHost.ipv4("52:54:00:12:34:56", "web", "192.168.33.10"));
        ip.addDhcpRange(new NetworkIpXml.DhcpRange("192.168.33.100", "192.168.33.200"));
        n.addIp("ipv6", "fd00:33::1", 64);
        return n;
    }

    static StoragePoolXml pool() {
        StoragePoolXml p = StoragePoolXml.create("netfs", "built-pool").uuid(UUID1);
        p.sourceFormat("nfs").sourceDir("/export").sourceHost("nfs.example.org");
        p.targetPath("/mnt/built");
        p.sizes(1000, 400, 600);
        return p;
    }

    static StorageVolumeXml volume() {
        StorageVolumeXml v = StorageVolumeXml.create("built.qcow2", 10L << 30).allocationBytes(0);
        v.type("file").key("/var/lib/jvirt/images/built.qcow2");
        v.targetFormat("qcow2").targetPath("/var/lib/jvirt/images/built.qcow2");
        v.backingStore("/var/lib/jvirt/images/base.qcow2", "qcow2");
        return v;
    }

    static SecretXml secret() {
        return SecretXml.create(false, true).usage(SecretUsage.ceph("client.admin")).description("ceph key")
                .uuid(UUID1);
    }

    static NodeDeviceXml nodeDevice() {
        NodeDeviceXml d = NodeDeviceXml.create("net_eth1_52_54_00_00_00_01", "computer").driverName("e1000e");
        d.addCapability("net").value("interface", "eth1").value("address", "52:54:00:00:00:01");
        return d;
    }

    static InterfaceXml hostInterface() {
        InterfaceXml i = InterfaceXml.create("bridge", "br1").startMode("onboot").mtu(1500);
        i.addProtocol("ipv4", false, "10.0.0.2", 24);
        i.addBridgeMember("ethernet", "eth1");
        return i;
    }

    static NwFilterXml filter() {
        NwFilterXml f = NwFilterXml.create("built-filter", "ipv4").uuid(UUID1).priority(-700);
        f.addFilterRef(new FilterRef("clean-traffic", Map.of("IP", "10.0.0.2")));
        f.addRule(new NwFilterXml.Rule("accept", "in", 500, "icmp"));
        return f;
    }

    static NwFilterBindingXml binding() {
        return NwFilterBindingXml.create("web01", UUID1, "vnet0", MacAddress.tryParse("52:54:00:12:34:56"),
                new FilterRef("clean-traffic", Map.of("MAC", "52:54:00:12:34:56")));
    }

    static CapabilitiesXml capabilities() {
        CapabilitiesXml c = CapabilitiesXml.create(UUID1, "x86_64");
        c.addGuest("hvm", "x86_64", 64, "/usr/bin/qemu-system-x86_64", List.of("pc", "q35"), List.of("qemu", "kvm"));
        return c;
    }

    static DomainCapabilitiesXml domainCapabilities() {
        return DomainCapabilitiesXml.create("/usr/bin/qemu-system-x86_64", "kvm", "pc-q35-7.2", "x86_64")
                .maxVcpus(255);
    }

    static DomainSnapshotXml snapshot() {
        DomainSnapshotXml s = DomainSnapshotXml.create("snap1", "first");
        s.memory("external", "/var/lib/jvirt/snap1.mem");
        s.addDisk(new DomainSnapshotXml.Disk("vda", "external", "/var/lib/jvirt/images/vda.snap1", "qcow2"));
        s.addDisk(new DomainSnapshotXml.Disk("vdb", "no", null, null));
        return s;
    }

    static org.jvirt.xml.checkpoint.DomainCheckpointXml checkpoint() {
        var c = org.jvirt.xml.checkpoint.DomainCheckpointXml.create("chk1", "before the upgrade");
        c.parentName("chk0").creationTime(1700000000L);
        c.addDisk(new org.jvirt.xml.checkpoint.DomainCheckpointXml.Disk("vda", "bitmap", "chk1", 1024L));
        c.addDisk(new org.jvirt.xml.checkpoint.DomainCheckpointXml.Disk("vdb", "no", null, null));
        return c;
    }

    static List<XmlDocument> all() {
        return List.of(fullDomain(), directKernelDomain(), DomainXml.create("test", "bare").memoryKiB(1024),
                network(), pool(), volume(), secret(), nodeDevice(), hostInterface(), filter(), binding(),
                capabilities(), domainCapabilities(), snapshot(), checkpoint());
    }
}
