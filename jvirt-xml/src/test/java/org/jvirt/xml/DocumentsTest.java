package org.jvirt.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.caps.CapabilitiesXml;
import org.jvirt.xml.caps.DomainCapabilitiesXml;
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
import org.junit.jupiter.api.Test;

/** Typed accessors of the documents other than the domain, both directions. */
class DocumentsTest {

    private static String fixture(String path) {
        return Corpus.read(Corpus.dir("corpus").resolve(Path.of(path)));
    }

    @Test
    void network() {
        NetworkXml n = NetworkXml.parse(fixture("network/default-nat.xml"));
        assertEquals("default", n.name());
        assertEquals("nat", n.forwardMode());
        assertEquals("virbr0", n.bridgeName());
        assertEquals(true, n.bridgeStp());
        assertEquals("52:54:00:0a:cd:21", n.mac().toString());
        assertEquals("example.lan", n.domainName());
        NetworkIpXml ip = n.ips().get(0);
        assertEquals(24, ip.prefix());
        assertEquals(List.of(new NetworkIpXml.DhcpRange("192.168.122.2", "192.168.122.254")), ip.dhcpRanges());
        assertEquals(NetworkIpXml.DhcpHost.ipv4("52:54:00:6b:3c:58", "web01", "192.168.122.10"), ip.dhcpHosts().get(0));
        assertTrue(ip.removeDhcpHost("52:54:00:6B:3C:58"));
        assertTrue(ip.dhcpHosts().isEmpty());
        NetworkXml iso = NetworkXml.parse(fixture("network/isolated.xml"));
        assertEquals(null, iso.forwardMode());
        NetworkXml r6 = NetworkXml.parse(fixture("network/routed-ipv6.xml"));
        assertEquals("ipv6", r6.ips().get(1).family());
        assertEquals("eth1", r6.forwardDev());
        assertEquals(2, r6.ips().get(0).dhcpRanges().size());

        NetworkXml built = Builders.network();
        String xml = built.toXml();
        assertTrue(xml.indexOf("<range ") < xml.indexOf("<host "), "ranges before hosts:\n" + xml);
        assertEquals("nat", NetworkXml.parse(xml).forwardMode());
        VirtException e = assertThrows(VirtException.class, () -> NetworkXml.parse("<network/>"));
        assertEquals(ErrorNumber.NO_NAME, e.number());
    }

    @Test
    void storagePoolAndVolume() {
        StoragePoolXml dir = StoragePoolXml.parse(fixture("storagepool/dir.xml"));
        assertEquals("dir", dir.type());
        assertEquals(105089261568L, dir.capacityBytes());
        assertEquals(72877006848L, dir.availableBytes());
        assertEquals("/var/lib/libvirt/images", dir.targetPath());
        StoragePoolXml lvm = StoragePoolXml.parse(fixture("storagepool/logical.xml"));
        assertEquals(List.of("/dev/sdb1", "/dev/sdc1"), lvm.sourceDevices());
        assertEquals("vg0", lvm.sourceName());
        assertEquals("lvm2", lvm.sourceFormat());
        StoragePoolXml nfs = StoragePoolXml.parse(fixture("storagepool/netfs.xml"));
        assertEquals("nfs.example.org", nfs.sourceHost());
        assertEquals("/export/images", nfs.sourceDir());
        String built = Builders.pool().toXml();
        assertTrue(built.contains("""
                  <source>
                    <host name='nfs.example.org'/>
                    <dir path='/export'/>
                    <format type='nfs'/>
                  </source>
                """), built);
        assertEquals("Missing required attribute 'type' in element 'pool'",
                assertThrows(VirtException.class, () -> StoragePoolXml.parse("<pool><name>x</name></pool>"))
                        .error().str2());

        StorageVolumeXml raw = StorageVolumeXml.parse(fixture("storagevol/raw.xml"));
        assertEquals(10737418240L, raw.capacityBytes());
        assertEquals(0L, raw.allocationBytes());
        assertEquals("raw", raw.targetFormat());
        assertEquals("/var/lib/libvirt/images/web01.img", raw.key());
        StorageVolumeXml q = StorageVolumeXml.parse(fixture("storagevol/qcow2-backing.xml"));
        assertEquals(20L << 30, q.capacityBytes());
        assertEquals("/var/lib/libvirt/images/base.qcow2", q.backingStorePath());
        StorageVolumeXml u = StorageVolumeXml.parse(fixture("storagevol/units.xml"));
        assertEquals(1_500_000_000L, u.capacityBytes());
        assertEquals(4096L, u.allocationBytes());
        StorageVolumeXml b = StorageVolumeXml.parse(Builders.volume().toXml());
        assertEquals(10L << 30, b.capacityBytes());
        assertEquals("qcow2", b.backingStoreFormat());
        assertEquals("XML error: missing volume name element",
                assertThrows(VirtException.class, () -> StorageVolumeXml.parse("<volume/>")).getMessage());
    }

    @Test
    void secret() {
        SecretXml s = SecretXml.parse(fixture("secret/volume.xml"));
        assertFalse(s.ephemeral());
        assertTrue(s.isPrivate());
        assertEquals(SecretUsage.volume("/var/lib/libvirt/images/web01.luks"), s.usage());
        assertEquals("LUKS passphrase for web01", s.description());
        assertEquals(SecretUsage.iscsi("libvirtiscsi"), SecretXml.parse(fixture("secret/iscsi.xml")).usage());
        assertEquals(null, SecretXml.parse(fixture("secret/bare.xml")).usage());
        assertEquals("""
                <secret ephemeral='no' private='yes'>
                  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
                  <description>ceph key</description>
                  <usage type='ceph'>
                    <name>client.admin</name>
                  </usage>
                </secret>
                """, Builders.secret().toXml());
        VirtException e = assertThrows(VirtException.class,
                () -> SecretXml.parse("<secret><usage type='volume'/></secret>"));
        assertEquals("internal error: volume usage specified, but volume path is missing", e.getMessage());
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED,
                assertThrows(VirtException.class, () -> SecretXml.parse("<secret><usage type='x'/></secret>")).number());
    }

    @Test
    void nodeDeviceAndHostInterface() {
        NodeDeviceXml pci = NodeDeviceXml.parse(fixture("nodedev/pci.xml"));
        assertEquals("pci_0000_00_1f_2", pci.name());
        assertEquals("computer", pci.parent());
        assertEquals("ahci", pci.driverName());
        assertEquals(List.of("pci"), pci.capabilityTypes());
        assertEquals("0x8086", pci.capabilities().get(0).childAttribute("vendor", "id"));
        assertEquals("eth0", NodeDeviceXml.parse(fixture("nodedev/net.xml")).capabilities().get(0).value("interface"));
        assertEquals("eth1", NodeDeviceXml.parse(Builders.nodeDevice().toXml()).capabilities().get(0).value("interface"));
        assertThrows(VirtException.class, () -> NodeDeviceXml.parse("<device><name>x</name></device>"));

        InterfaceXml br = InterfaceXml.parse(fixture("interface/bridge.xml"));
        assertEquals("bridge", br.type());
        assertEquals("br0", br.name());
        assertEquals("onboot", br.startMode());
        assertEquals(List.of("eth0", "eth1"), br.members().stream().map(InterfaceXml::name).toList());
        assertEquals(List.of("192.168.0.5/24"), br.protocols().get(0).addresses());
        InterfaceXml eth = InterfaceXml.parse(fixture("interface/ethernet.xml"));
        assertEquals(1500, eth.mtu());
        assertTrue(eth.protocols().get(0).dhcp());
        assertEquals(MacAddress.tryParse("aa:bb:cc:dd:ee:ff"), eth.mac());
        InterfaceXml vlan = InterfaceXml.parse(fixture("interface/vlan.xml"));
        assertEquals(42, vlan.vlanTag());
        assertEquals("eth0", vlan.vlanDevice());
    }

    @Test
    void nwfilterAndBinding() {
        NwFilterXml f = NwFilterXml.parse(fixture("nwfilter/clean.xml"));
        assertEquals("root", f.chain());
        assertEquals(6, f.filterRefs().size());
        assertEquals(new NwFilterXml.Rule("accept", "out", -650, "mac"), f.rules().get(0));
        NwFilterXml web = NwFilterXml.parse(fixture("nwfilter/tcp-rules.xml"));
        assertEquals(-700, web.priority());
        assertEquals("all", web.rules().get(3).protocol());
        NwFilterBindingXml b = NwFilterBindingXml.parse(fixture("nwfilterbinding/vnet0.xml"));
        assertEquals("web01", b.ownerName());
        assertEquals(Builders.UUID1, b.ownerUuid());
        assertEquals("vnet0", b.portdev());
        assertEquals(new FilterRef("clean-traffic", Map.of("IP", "192.168.122.10", "MAC", "52:54:00:6b:3c:58")),
                b.filterRef());
        assertEquals("vnet0", NwFilterBindingXml.parse(Builders.binding().toXml()).portdev());
    }

    @Test
    void capabilitiesAndSnapshots() {
        CapabilitiesXml c = CapabilitiesXml.parse(fixture("capabilities/kvm-host.xml"));
        assertEquals("x86_64", c.hostArch());
        assertEquals("Skylake-Client-IBRS", c.hostCpuModel());
        CapabilitiesXml.Guest g = c.guests().get(0);
        assertEquals("hvm", g.osType());
        assertEquals(64, g.wordsize());
        assertEquals(List.of("qemu", "kvm"), g.domainTypes());
        assertEquals(3, g.machines().size());
        DomainCapabilitiesXml dc = DomainCapabilitiesXml.parse(fixture("domaincaps/kvm-q35.xml"));
        assertEquals(255, dc.maxVcpus());
        assertTrue(dc.supported("devices/disk"));
        assertFalse(dc.supported("devices/hostdev"));
        assertFalse(dc.supported("features/gic"));
        assertEquals(List.of("disk", "cdrom", "floppy", "lun"), dc.values("devices/disk", "diskDevice"));
        assertEquals(List.of("host-passthrough", "maximum", "host-model", "custom"), dc.supportedCpuModes());

        DomainSnapshotXml s = DomainSnapshotXml.parse(fixture("domainsnapshot/saved.xml"));
        assertEquals("snap2", s.name());
        assertEquals("snap1", s.parentName());
        assertEquals("running", s.state());
        assertEquals(1700000000L, s.creationTime());
        assertEquals("web01", s.domain().name());
        assertEquals(2097152L, s.domain().memoryKiB());
        DomainSnapshotXml ext = DomainSnapshotXml.parse(fixture("domainsnapshot/external-disks.xml"));
        assertEquals("external", ext.memorySnapshot());
        assertEquals(new DomainSnapshotXml.Disk("vda", "external", "/var/lib/libvirt/images/web01.ext1", "qcow2"),
                ext.disks().get(0));
        assertEquals(ext.disks(), DomainSnapshotXml.parse(Builders.snapshot().toXml()).disks().stream()
                .map(d -> d.name().equals("vda") ? new DomainSnapshotXml.Disk("vda", "external",
                        "/var/lib/libvirt/images/web01.ext1", "qcow2") : d).toList());
        assertEquals("XML error: Invalid state 'dancing' in domain snapshot XML", assertThrows(VirtException.class,
                () -> DomainSnapshotXml.parse("<domainsnapshot><state>dancing</state></domainsnapshot>")).getMessage());
    }
}
