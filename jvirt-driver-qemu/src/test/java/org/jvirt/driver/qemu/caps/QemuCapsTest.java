package org.jvirt.driver.qemu.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.SchemaValidator;
import org.jvirt.xml.caps.CapabilitiesXml;
import org.jvirt.xml.caps.DomainCapabilitiesXml;

/** The capability probe and documents against the real qemu-system-x86_64. */
class QemuCapsTest {

    private static QemuCaps caps;

    @BeforeAll
    static void probe() {
        QemuTesting.assumeQemu();
        long t0 = System.nanoTime();
        caps = QemuCapsProbe.probe(QemuTesting.QEMU);
        System.out.printf("capability probe of %s: %d ms (probe's own count %d ms), %d machines, %d CPU models,"
                + " %d device types%n", QemuTesting.QEMU, (System.nanoTime() - t0) / 1_000_000, caps.probeMillis(),
                caps.machines().size(), caps.cpuModels().size(), caps.deviceTypes().size());
    }

    @Test
    void probeSeesWhatQemu72Has() {
        assertEquals("x86_64", caps.arch());
        assertTrue(caps.major() >= 7);
        assertTrue(caps.machine("pc").isPresent() && caps.machine("q35").isPresent());
        assertTrue(caps.canonicalMachine("pc").startsWith("pc-i440fx-"));
        assertEquals("pc", caps.defaultMachine());
        assertTrue(caps.cpuModels().stream().anyMatch(c -> c.name().equals("qemu64") && c.usable()));
        for (String dev : List.of("virtio-blk-pci", "virtio-net-pci", "isa-serial", "pcie-root-port", "VGA")) {
            assertTrue(caps.hasDevice(dev), dev);
        }
        assertTrue(caps.machines().stream().noneMatch(m -> m.name().equals("none")));
    }

    @Test
    void cacheReusesAndReprobesWhenTheBinaryChanges() throws Exception {
        Path dir = QemuTesting.tempDir("jvirt-caps-");
        try {
            Path bin = dir.resolve("bin/qemu-system-x86_64");
            Files.createDirectories(bin.getParent());
            // a wrapper, not a copy: QEMU finds its modules next to the real executable
            Files.writeString(bin, "#!/bin/sh\nexec " + QemuTesting.QEMU + " \"$@\"\n");
            bin.toFile().setExecutable(true);
            QemuCapsCache cache = new QemuCapsCache(dir.resolve("cache"));
            QemuCaps first = cache.get(bin);
            assertSame(first, cache.get(bin), "memory hit");
            try (var files = Files.list(dir.resolve("cache"))) {
                assertEquals(1, files.count());
            }
            QemuCapsCache fresh = new QemuCapsCache(dir.resolve("cache"));
            long t0 = System.nanoTime();
            QemuCaps fromDisk = fresh.get(bin);
            System.out.printf("capabilities from the JSON cache: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals(first, fromDisk, "the JSON file round-trips");
            Files.setLastModifiedTime(bin, FileTime.fromMillis(first.mtimeMillis() + 60_000));
            QemuCaps again = fresh.get(bin);
            assertNotSame(fromDisk, again);
            assertEquals(first.mtimeMillis() + 60_000, again.mtimeMillis(), "re-probed after the binary changed");
        } finally {
            QemuTesting.deleteTree(dir);
        }
    }

    @Test
    void capabilitiesXmlIsValidAndSaysWhyKvmIsMissing() {
        HostInfo host = HostInfo.read();
        String xml = CapabilitiesBuilder.build(host, List.of(caps), new KvmSupport(false, "no vmx or svm here"));
        SchemaValidator v = SchemaValidator.system();
        if (v.available()) {
            v.validate(xml, "capability.rng");
        }
        CapabilitiesXml parsed = CapabilitiesXml.parse(xml);
        assertEquals(1, parsed.guests().size());
        assertEquals(List.of("qemu"), parsed.guests().get(0).domainTypes());
        assertTrue(parsed.guests().get(0).machines().contains("pc"));
        assertTrue(xml.contains("domain type 'kvm' not offered: no vmx or svm here"), xml);

        String withKvm = CapabilitiesBuilder.build(host, List.of(caps), new KvmSupport(true, "forced"));
        assertEquals(caps.kvmPresent() ? List.of("qemu", "kvm") : List.of("qemu"),
                CapabilitiesXml.parse(withKvm).guests().get(0).domainTypes());
    }

    @Test
    void domainCapabilitiesXmlIsValid() {
        HostInfo host = HostInfo.read();
        KvmSupport noKvm = new KvmSupport(false, "no vmx or svm here");
        String xml = DomainCapabilitiesBuilder.build(host, caps, noKvm, null, null);
        SchemaValidator v = SchemaValidator.system();
        if (v.available()) {
            v.validate(xml, "domaincaps.rng");
        }
        DomainCapabilitiesXml d = DomainCapabilitiesXml.parse(xml);
        assertEquals("qemu", d.domain());
        assertEquals(caps.canonicalMachine("pc"), d.machine());
        assertTrue(d.values("devices/disk", "bus").contains("virtio"), xml);
        assertTrue(xml.contains("KVM not offered: no vmx or svm here"));
        String q35 = DomainCapabilitiesBuilder.build(host, caps, noKvm, "q35", "qemu");
        assertTrue(q35.contains("<machine>pc-q35-"), q35);
        if (v.available()) {
            v.validate(q35, "domaincaps.rng");
        }
        VirtException e = assertThrows(VirtException.class,
                () -> DomainCapabilitiesBuilder.build(host, caps, noKvm, null, "kvm"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertTrue(e.getMessage().contains("no vmx or svm here"), e.getMessage());
        assertThrows(VirtException.class, () -> DomainCapabilitiesBuilder.build(host, caps, noKvm, "bogus", null));
    }

    @Test
    void thisHostsVerdictIsExplained() {
        KvmSupport k = KvmSupport.detect();
        System.out.println("KVM on this host: " + k);
        assertTrue(!k.reason().isBlank());
    }

    @Test
    void binariesAreFoundByArch() {
        var found = QemuBinaries.find(QemuBinaries.DEFAULT_DIRS);
        assertTrue(found.containsKey("x86_64"), found.toString());
        assertTrue(found.values().stream().noneMatch(p -> p.toString().endsWith("microvm")));
    }
}
