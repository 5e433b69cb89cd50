package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.domain.DomainXml;

/**
 * A NIC's link state on the real test guest: {@code <link state='down'/>} in the definition starts the NIC
 * without carrier (QEMU's set_link before the CPUs run), and an interface update with another link state
 * (what {@code virsh domif-setlink} sends) brings it up and down again, live, and in the persistent
 * definition with CONFIG.
 */
@Timeout(180)
class NicLinkStateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NIC = "<interface type='user'><mac address='52:54:00:44:00:01'/>"
            + "<model type='virtio'/>%s</interface>";

    @Test
    void linkDownAtStartAndDomifSetlink() throws Exception {
        QemuTesting.assumeQemu();
        try (DriverFixture fx = new DriverFixture(); Connect conn = fx.open()) {
            Domain dom = conn.domainDefineXML(GuestConsole.ptyXml(fx, "link", NIC.formatted("<link state='down'/>")));
            dom.create(DomainCreateFlag.START_PAUSED);
            GuestConsole console = GuestConsole.open(conn, dom);
            try {
                dom.resume();
                console.waitFor("TESTGUEST-READY token=" + fx.token, 0, Duration.ofSeconds(90));
                console.run("ip link set eth0 up", WAIT);
                assertEquals("0", carrier(console), "the NIC starts without carrier");
                assertTrue(dom.getXMLDesc().contains("<link state='down'/>"));

                dom.updateDevice(NIC.formatted("<link state='up'/>"), DomainDeviceModifyFlag.LIVE);
                assertEquals("1", carrier(console), "domif-setlink up");
                assertTrue(dom.getXMLDesc().contains("<link state='up'/>"), dom.getXMLDesc());
                assertTrue(dom.getXMLDesc(DomainXMLFlag.INACTIVE).contains("<link state='down'/>"));

                dom.updateDevice(NIC.formatted("<link state='down'/>"), DomainDeviceModifyFlag.LIVE,
                        DomainDeviceModifyFlag.CONFIG);
                assertEquals("0", carrier(console), "domif-setlink down");
                dom.updateDevice(NIC.formatted("<link state='up'/>"), DomainDeviceModifyFlag.CONFIG);
                assertEquals("0", carrier(console), "CONFIG alone leaves the running NIC alone");
                assertTrue(DomainXml.parse(dom.getXMLDesc(DomainXMLFlag.INACTIVE)).devices().interfaces().get(0)
                        .linkState().equals("up"));
            } finally {
                dom.destroy();
                console.close();
                dom.undefine();
            }
            fx.assertNoQemu();
        }
    }

    /** The guest's view: /sys/class/net/eth0/carrier, after the change had time to reach it. */
    private static String carrier(GuestConsole console) throws InterruptedException {
        console.run("sleep 0.3", WAIT);
        return console.run("cat /sys/class/net/eth0/carrier", WAIT);
    }
}
