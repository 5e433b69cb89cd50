package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.flags.DomainCreateFlag;

/**
 * Guest NUMA cells and CPU topology reach the guest: two sockets with a cell each (one of them given as a
 * vCPU list, one in MiB, one in KiB) show up as two NUMA nodes with their vCPUs and their memory.
 */
class GuestNumaTest extends FreshDriverTest {

    @Test
    @Timeout(120)
    void guestSeesItsCellsAndTopology() throws Exception {
        String xml = GuestConsole.ptyXml(fx, "numa", "")
                .replace("<vcpu>1</vcpu>", "<vcpu>2</vcpu>")
                .replace("<features><acpi/></features>", """
                        <features><acpi/></features>
                        <cpu>
                          <topology sockets='2' dies='1' cores='1' threads='1'/>
                          <numa>
                            <cell id='0' cpus='0' memory='192' unit='MiB'/>
                            <cell id='1' cpus='1' memory='131072' unit='KiB'/>
                          </numa>
                        </cpu>""");
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml, DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                assertEquals(320L * 1024, org.jvirt.xml.domain.DomainXml.parse(d.getXMLDesc()).memoryKiB(),
                        "the memory is the sum of the cells (256 MiB were declared)");
                guest.boot(fx, Duration.ofSeconds(90));
                Duration t = Duration.ofSeconds(30);
                assertEquals("node0 node1", con.run("cd /sys/devices/system/node && echo node[0-9]*", t));
                assertEquals("0", con.run("cat /sys/devices/system/node/node0/cpulist", t));
                assertEquals("1", con.run("cat /sys/devices/system/node/node1/cpulist", t));
                assertEquals("1", con.run("cat /sys/devices/system/cpu/cpu1/topology/physical_package_id", t),
                        "the second vCPU is in the second socket");
            }
        }
    }
}
