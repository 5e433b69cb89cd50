package org.jvirt.driver.qemu.hostdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.HostRoot;
import org.jvirt.xml.domain.DomainXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A managed PCI host device goes through the node device driver (this module, on the class path here) by its
 * public API, as {@code virsh nodedev-detach} does: past a stand-in VFIO check (this machine has no IOMMU), the
 * QEMU driver's start asks the real node device driver to detach a real PCI function of this host, and gets that
 * driver's own answers: no VFIO on this system, or no such node device. (In the QEMU driver's package, for its
 * package-private stand-in constructor.)
 */
class ManagedHostdevNodeDeviceStandInTest {

    private HostRoot root;
    private HostdevPrepare prepare;
    private String realPci;

    @BeforeEach
    void setUp() throws IOException {
        root = new HostRoot();
        try (Stream<Path> s = Files.list(Path.of("/sys/bus/pci/devices"))) {
            realPci = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElse(null);
        }
        assumeTrue(realPci != null, "no PCI device on this host");
        Path sys = root.dir.resolve("sys");
        Files.createDirectories(sys.resolve("kernel/iommu_groups/0"));
        Files.createDirectories(sys.resolve("bus/pci/devices/" + realPci));
        Files.createFile(sys.resolve("bus/pci/devices/" + realPci + "/config"));
        Files.createDirectories(sys.resolve("bus/pci/devices/0000:06:12.5"));
        Files.createFile(sys.resolve("bus/pci/devices/0000:06:12.5/config"));
        Path vfio = Files.createDirectories(root.dir.resolve("dev/vfio")).resolve("vfio");
        Files.createFile(vfio);
        prepare = new HostdevPrepare(sys, vfio);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (root != null) {
            root.close();
        }
    }

    private VirtException start(String address) {
        String[] p = address.split("[:.]");
        DomainXml def = DomainXml.parse("<domain type='qemu'><name>g</name><memory>65536</memory><os><type>hvm</type>"
                + "</os><devices><hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x" + p[0]
                + "' bus='0x" + p[1] + "' slot='0x" + p[2] + "' function='0x" + p[3] + "'/></source></hostdev>"
                + "</devices></domain>");
        return assertThrows(VirtException.class, () -> prepare.prepare(def, root.uri("nodedev", "system")));
    }

    @Test
    void theNodeDeviceDriverAnswersForAManagedDevice() {
        assumeFalse(Files.exists(Path.of("/dev/vfio/vfio")), "this host has VFIO: the detach would bind for real");
        VirtException noVfio = start(realPci);
        assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, noVfio.error().number(), noVfio::getMessage);
        assertTrue(noVfio.getMessage().contains("VFIO device assignment is currently not supported on this system"),
                noVfio.getMessage());
        VirtException gone = start("0000:06:12.5");
        assertEquals(ErrorNumber.NO_NODE_DEVICE, gone.error().number(), gone::getMessage);
        assertTrue(gone.getMessage().contains("no node device with matching name 'pci_0000_06_12_5'"),
                gone.getMessage());
    }
}
