package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * A q35 definition as libvirtd writes it (pcie-root-ports listed with their chassis, port and multifunction
 * slot; every device with its PCI address) runs with exactly those addresses, the guest boots, and a
 * hot-plugged disk takes a root port the definition left free.
 */
class PciAddressTest extends FreshDriverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(120)
    void libvirtAddressesAreKept() throws Exception {
        StringBuilder ports = new StringBuilder("<controller type='pci' index='0' model='pcie-root'/>");
        for (int i = 1; i <= 6; i++) {
            ports.append("""
                    <controller type='pci' index='%d' model='pcie-root-port'>
                      <model name='pcie-root-port'/><target chassis='%d' port='0x%x'/>
                      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x%x'%s/>
                    </controller>""".formatted(i, i, 0x0f + i, i - 1, i == 1 ? " multifunction='on'" : ""));
        }
        String xml = GuestConsole.ptyXml(fx, "pci", ports + """
                <controller type='usb' index='0' model='qemu-xhci'>
                  <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>
                </controller>
                <memballoon model='virtio'>
                  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
                </memballoon>
                <rng model='virtio'>
                  <backend model='random'>/dev/urandom</backend>
                  <address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>
                </rng>""").replace("machine='pc'", "machine='q35'");
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml, DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                assertEquals("pci.3", parentBus(d, "rng0"));
                assertEquals("pci.5", parentBus(d, "balloon0"));
                assertEquals("pci.2", parentBus(d, "usb"));
                assertEquals(0x2 << 3 | 4, addr(d, "pci.5"), "root port 5 at 00:02.4");
                guest.boot(fx, Duration.ofSeconds(90));

                java.nio.file.Path disk = fx.dir.resolve("hot.qcow2");
                assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "16M")
                        .inheritIO().start().waitFor());
                int mark = con.mark();
                d.attachDevice("""
                        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                        <source file='%s'/><target dev='vdb' bus='virtio'/></disk>""".formatted(disk),
                        DomainDeviceModifyFlag.LIVE);
                con.waitFor("TESTGUEST-UEVENT add block vda", mark, Duration.ofSeconds(30));
                DiskXml vdb = DomainXml.parse(d.getXMLDesc()).devices().disks().get(0);
                int bus = vdb.address().number("bus");
                assertTrue(bus == 1 || bus == 4 || bus == 6, "a root port left free by the definition: " + bus);
            }
        }
    }

    private static String parentBus(Domain d, String id) throws Exception {
        String path = qomGet(d, "/machine/peripheral/" + id, "parent_bus").asText();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static int addr(Domain d, String id) throws Exception {
        return qomGet(d, "/machine/peripheral/" + id, "addr").asInt();
    }

    private static JsonNode qomGet(Domain d, String path, String property) throws Exception {
        JsonNode r = JSON.readTree(d.qemuMonitorCommand("{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"" + path
                + "\",\"property\":\"" + property + "\"}}"));
        return r.path("return");
    }
}
