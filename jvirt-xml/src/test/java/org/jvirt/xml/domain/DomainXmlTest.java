package org.jvirt.xml.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.value.MacAddress;
import org.junit.jupiter.api.Test;

/** XML → object on corpus documents, object → XML with the builders, and edits that keep what we don't model. */
class DomainXmlTest {

    static String fixture(String name) {
        try (InputStream in = DomainXmlTest.class.getResourceAsStream("/corpus/domain/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsFullGuest() {
        DomainXml d = DomainXml.parse(fixture("full-kvm.xml"));
        assertEquals("kvm", d.type());
        assertNull(d.id());
        assertEquals("web01", d.name());
        assertEquals(UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0"), d.uuid());
        assertEquals("Web server 01", d.title());
        assertEquals("Front-end web server & cache", d.description());
        assertEquals(2097152L, d.memoryKiB());
        assertEquals(1048576L, d.currentMemoryKiB());
        assertEquals(4, d.vcpus());
        assertEquals(2, d.vcpu().current());
        assertEquals("static", d.vcpu().placement());
        assertEquals("hvm", d.os().type());
        assertEquals("x86_64", d.os().arch());
        assertEquals("pc-q35-7.2", d.os().machine());
        assertEquals(List.of("hd", "cdrom"), d.os().bootDevices());
        assertEquals(true, d.os().bootMenu());
        assertEquals(List.of("acpi", "apic", "vmport"), d.features().names());
        assertEquals("host-model", d.cpu().mode());
        assertEquals("utc", d.clock().offset());
        assertEquals(3, d.clock().timers().size());
        assertEquals(false, d.clock().timers().get(2).present());
        assertEquals(LifecycleAction.DESTROY, d.onPoweroff());
        assertEquals(LifecycleAction.RESTART, d.onReboot());

        DevicesXml dev = d.devices();
        assertEquals("/usr/bin/qemu-system-x86_64", dev.emulator());
        DiskXml disk = dev.disks().get(0);
        assertEquals(new DiskSource.File("/var/lib/libvirt/images/web01.qcow2"), disk.source());
        assertEquals(new DiskXml.DiskDriver("qemu", "qcow2", "none"), disk.driver());
        assertEquals("vda", disk.targetDev());
        assertEquals("virtio", disk.targetBus());
        assertEquals("pci", disk.address().type());
        assertEquals(4, disk.address().number("bus"));
        DiskXml cdrom = dev.disks().get(1);
        assertEquals("cdrom", cdrom.device());
        assertTrue(cdrom.readonly());
        assertEquals(new DiskSource.File(null), cdrom.source());
        assertEquals(4, dev.controllers().size());
        assertEquals("qemu-xhci", dev.controllers().get(0).model());
        NetInterfaceXml nic = dev.interfaces().get(0);
        assertEquals(new InterfaceSource.Network("default", null), nic.source());
        assertEquals(MacAddress.tryParse("52:54:00:6b:3c:58"), nic.mac());
        assertEquals("virtio", nic.model());
        assertEquals("isa-serial", dev.serials().get(0).targetType());
        assertEquals("org.qemu.guest_agent.0", dev.channels().get(0).targetName());
        GraphicsXml vnc = dev.graphics().get(0);
        assertEquals(-1, vnc.port());
        assertEquals(true, vnc.autoport());
        assertEquals("127.0.0.1", vnc.listen());
        assertEquals("virtio", dev.videos().get(0).model());
        assertTrue(dev.videos().get(0).primary());
        assertEquals(3, dev.inputs().size());
        assertEquals("ich9", dev.sounds().get(0).model());
        assertEquals("reset", dev.watchdogs().get(0).action());
        assertEquals(10, dev.memballoon().statsPeriod());
        assertEquals("/dev/urandom", dev.rngs().get(0).backendPath());
        assertEquals(19, dev.all().size());
    }

    @Test
    void readsEveryDiskSourceVariant() {
        List<DiskXml> net = DomainXml.parse(fixture("disk-network.xml")).devices().disks();
        DiskSource.Network rbd = assertInstanceOf(DiskSource.Network.class, net.get(0).source());
        assertEquals("rbd", rbd.protocol());
        assertEquals(List.of(DiskSource.Host.of("mon1.example.org", 6789), DiskSource.Host.of("mon2.example.org", 6789)),
                rbd.hosts());
        DiskSource.Network nbd = (DiskSource.Network) net.get(2).source();
        assertEquals(new DiskSource.Host(null, null, "unix", "/run/nbd.sock"), nbd.hosts().get(0));
        List<DiskXml> vol = DomainXml.parse(fixture("disk-volume.xml")).devices().disks();
        assertEquals(new DiskSource.Volume("default", "pooled.qcow2", null), vol.get(0).source());
        assertEquals(1, vol.get(0).bootOrder());
        assertEquals(new DiskSource.Dir("/srv/floppy-content"), vol.get(1).source());
        List<DiskXml> blk = DomainXml.parse(fixture("disk-block.xml")).devices().disks();
        assertEquals(new DiskSource.Block("/dev/vg0/db01"), blk.get(0).source());
        assertEquals("DB01-ROOT", blk.get(0).serial());
        assertTrue(blk.get(1).shareable());
        assertEquals("lun", blk.get(1).device());
    }

    @Test
    void readsEveryInterfaceVariant() {
        List<NetInterfaceXml> nics = DomainXml.parse(fixture("interfaces.xml")).devices().interfaces();
        assertEquals(new InterfaceSource.Network("default", "engineering"), nics.get(0).source());
        assertEquals(new InterfaceSource.Bridge("br0"), nics.get(1).source());
        assertEquals("vnet7", nics.get(1).targetDev());
        assertEquals("up", nics.get(1).linkState());
        assertEquals(new InterfaceSource.User(), nics.get(2).source());
        assertEquals(new InterfaceSource.Direct("eth0", "vepa"), nics.get(3).source());
        assertEquals(new InterfaceSource.Other("ethernet"), nics.get(4).source());
    }

    @Test
    void memoryUnitsAreNormalizedToKiB() {
        assertEquals(8L * 1024 * 1024, DomainXml.parse(fixture("disk-block.xml")).memoryKiB());
        assertEquals(1024L * 1024, DomainXml.parse(fixture("disk-network.xml")).memoryKiB());
        assertEquals(524288L, DomainXml.parse(fixture("disk-volume.xml")).memoryKiB());
        DomainXml uefi = DomainXml.parse(fixture("uefi.xml"));
        assertEquals(1953125L, uefi.memoryKiB());
        assertEquals(16L * 1024 * 1024, uefi.maxMemoryKiB());
        assertEquals(16, uefi.maxMemorySlots());
        assertEquals("pflash", uefi.os().loaderType());
        assertEquals("/usr/share/OVMF/OVMF_VARS_4M.fd", uefi.os().nvramTemplate());
    }

    @Test
    void semanticErrorsUseLibvirtsCodes() {
        VirtException noName = assertThrows(VirtException.class,
                () -> DomainXml.parse("<domain type='kvm'><memory>1</memory></domain>"));
        assertEquals(ErrorNumber.NO_NAME, noName.number());
        assertEquals(ErrorDomain.DOMAIN, noName.errorDomain());
        assertEquals("missing name information", noName.getMessage());
        VirtException uuid = assertThrows(VirtException.class,
                () -> DomainXml.parse("<domain><name>a</name><uuid>1234</uuid></domain>"));
        assertEquals("internal error: malformed uuid element", uuid.getMessage());
        VirtException unit = assertThrows(VirtException.class,
                () -> DomainXml.parse("<domain><name>a</name><memory unit='lots'>1</memory></domain>"));
        assertEquals(ErrorNumber.INVALID_ARG, unit.number());
        VirtException mac = assertThrows(VirtException.class, () -> DomainXml.parse(
                "<domain><name>a</name><devices><interface type='user'><mac address='01:00:00:00:00:01'/>"
                        + "</interface></devices></domain>").devices().interfaces().get(0).mac());
        assertEquals("XML error: expected unicast mac address, found multicast '01:00:00:00:00:01'",
                mac.getMessage());
    }

    @Test
    void builderWritesLibvirtStyleInLibvirtOrder() {
        DomainXml d = DomainXml.create("kvm", "demo");
        d.devices().addDisk(new DiskSource.File("/img/demo.qcow2"), "disk")
                .driver(new DiskXml.DiskDriver("qemu", "qcow2", null)).target("vda", "virtio");
        d.os().type("hvm").arch("x86_64");
        d.vcpus(2);
        d.memoryKiB(1048576);
        d.uuid(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertEquals("""
                <domain type='kvm'>
                  <name>demo</name>
                  <uuid>00000000-0000-0000-0000-000000000001</uuid>
                  <memory unit='KiB'>1048576</memory>
                  <vcpu>2</vcpu>
                  <os>
                    <type arch='x86_64'>hvm</type>
                  </os>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='/img/demo.qcow2'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                  </devices>
                </domain>
                """, d.toXml());
        DomainXml back = DomainXml.parse(d.toXml());
        assertEquals(1048576L, back.memoryKiB());
        assertEquals(2, back.vcpus());
    }

    @Test
    void editsKeepUnmodelledContent() {
        DomainXml d = DomainXml.parse(fixture("unmodelled.xml"));
        d.name("renamed");
        d.memoryKiB(8388608);
        d.cpu().model("Icelake-Server");
        String xml = d.toXml();
        assertTrue(xml.contains("<name>renamed</name>"));
        assertTrue(xml.contains("<memory unit='KiB'>8388608</memory>"));
        assertTrue(xml.contains("<model fallback='forbid'>Icelake-Server</model>"));
        assertTrue(xml.contains("""
                  <qemu:commandline>
                    <qemu:arg value='-newarg'/>
                    <qemu:env name='QEMU_ENV' value='VAL'/>
                  </qemu:commandline>
                """));
        assertTrue(xml.contains("<hard_limit unit='KiB'>5000000</hard_limit>"));
        assertTrue(xml.contains("<tpm model='tpm-crb'>"));
        assertEquals(new CpuXml.Topology(1, 1, 2, 2), d.cpu().topology());
        assertEquals(2, d.cpu().features().size());
    }

    @Test
    void changingDiskSourceKeepsOtherSourceContent() {
        DomainXml d = DomainXml.parse(fixture("disk-network.xml"));
        DiskXml disk = d.devices().disks().get(0);
        disk.source(new DiskSource.Network("rbd", "rbd/new-image", List.of(DiskSource.Host.of("mon3", 6789))));
        assertEquals(List.of(DiskSource.Host.of("mon3", 6789)), ((DiskSource.Network) disk.source()).hosts());
        disk.source(new DiskSource.File("/tmp/local.img"));
        assertEquals("file", disk.element().getAttribute("type"));
        assertTrue(disk.toXml().startsWith("<disk type='file' device='disk'>"), disk.toXml());
        assertTrue(disk.toXml().contains("<source file='/tmp/local.img'/>"), disk.toXml());
        assertTrue(disk.toXml().contains("<auth username='libvirt'>"), "auth is not ours to drop");
    }

    @Test
    void metadataIsKeptPerNamespace() {
        DomainXml d = DomainXml.parse(fixture("metadata-foreign.xml"));
        MetadataXml md = d.metadata();
        assertEquals(3, md.entries().size());
        assertEquals("<app1:foo xmlns:app1='http://app1.example.org/app1/'>fooish</app1:foo>",
                md.getXml("http://app1.example.org/app1/"));
        md.set("http://app1.example.org/app1/", "app1", "<foo>new</foo>");
        md.set("http://jvirt.org/ns/x", "x", "<cfg><item>1</item></cfg>");
        DomainXml back = DomainXml.parse(d.toXml());
        assertEquals("<app1:foo xmlns:app1='http://app1.example.org/app1/'>new</app1:foo>",
                back.metadata().getXml("http://app1.example.org/app1/"));
        assertEquals("<x:cfg xmlns:x='http://jvirt.org/ns/x'>\n  <x:item>1</x:item>\n</x:cfg>",
                back.metadata().getXml("http://jvirt.org/ns/x"));
        back.metadata().remove("http://app2.example.org/app2/");
        assertNull(back.metadata().get("http://app2.example.org/app2/"));
    }

    @Test
    void liveXmlHasIdAndAliases() {
        DomainXml d = DomainXml.parse(fixture("live-running.xml"));
        assertEquals(7, d.id());
        assertEquals("virtio-disk0", d.devices().disks().get(0).alias());
        assertEquals("/dev/pts/4", d.devices().consoles().get(0).sourcePath());
        assertEquals(5900, d.devices().graphics().get(0).port());
        d.id(null);
        assertFalse(d.toXml().contains("id='7'"));
    }

    @Test
    void hostdevsAndDirectKernel() {
        DevicesXml dev = DomainXml.parse(fixture("hostdev.xml")).devices();
        assertEquals("0x06", dev.hostdevs().get(0).sourceAddress().get("bus"));
        assertEquals("0x1234", dev.hostdevs().get(1).usbVendor());
        assertEquals("0xbeef", dev.hostdevs().get(1).usbProduct());
        assertEquals(2, dev.hostdevs().get(1).bootOrder());
        assertEquals("none", dev.memballoon().model());
        OsXml os = DomainXml.parse(fixture("direct-kernel.xml")).os();
        assertEquals("/var/lib/jvirt/boot/vmlinuz", os.kernel());
        assertEquals("/var/lib/jvirt/boot/initrd.img", os.initrd());
        assertEquals("console=ttyS0 root=/dev/vda1 quiet", os.cmdline());
        assertEquals(LifecycleAction.COREDUMP_DESTROY, DomainXml.parse(fixture("direct-kernel.xml")).onCrash());
    }
}
