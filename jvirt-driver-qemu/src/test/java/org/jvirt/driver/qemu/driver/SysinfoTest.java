package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.flags.DomainCreateFlag;

/** {@code <sysinfo type='smbios'>} with {@code <smbios mode='sysinfo'/>} reaches the guest's DMI tables. */
class SysinfoTest extends FreshDriverTest {

    @Test
    @Timeout(120)
    void guestReadsTheSmbiosTables() throws Exception {
        String xml = GuestConsole.ptyXml(fx, "smbios", "")
                .replace("<os>", "<os><smbios mode='sysinfo'/>")
                .replace("<features>", """
                        <sysinfo type='smbios'>
                          <bios><entry name='vendor'>jvirt bios</entry></bios>
                          <system>
                            <entry name='manufacturer'>jvirt, the project</entry>
                            <entry name='product'>Test Guest</entry>
                            <entry name='serial'>SN-%s</entry>
                          </system>
                        </sysinfo>
                        <features>""".formatted(fx.token));
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml, DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                guest.boot(fx, Duration.ofSeconds(90));
                Duration t = Duration.ofSeconds(30);
                assertEquals("jvirt bios", con.run("cat /sys/class/dmi/id/bios_vendor", t));
                assertEquals("jvirt, the project", con.run("cat /sys/class/dmi/id/sys_vendor", t));
                assertEquals("SN-" + fx.token, con.run("cat /sys/class/dmi/id/product_serial", t));
                assertEquals(d.getUUIDString(), con.run("cat /sys/class/dmi/id/product_uuid", t));
            }
        }
    }
}
