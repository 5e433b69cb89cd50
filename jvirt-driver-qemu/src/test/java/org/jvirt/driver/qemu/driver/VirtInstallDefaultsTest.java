package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * The devices virt-install writes by default (virtinst 4.1 for a linux2020 guest: q35 with UEFI, xHCI and a USB
 * tablet, SPICE with a virtio GPU, ICH9 sound on the SPICE audio backend, two USB redirection channels, a
 * virtio RNG, a balloon with statistics, its clock timers, power-management and vmport settings; and the pc/BIOS
 * variant with EHCI and its UHCI companions) start, and the test guest boots in them. The character devices
 * virt-install adds (the agent channel, the SPICE agent channel, the pty console) are another part's.
 */
class VirtInstallDefaultsTest extends FreshDriverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COMMON = """
              <clock offset='utc'>
                <timer name='rtc' tickpolicy='catchup'/>
                <timer name='pit' tickpolicy='delay'/>
                <timer name='hpet' present='no'/>
              </clock>
              <pm>
                <suspend-to-mem enabled='no'/>
                <suspend-to-disk enabled='no'/>
              </pm>
            """;

    @Test
    @Timeout(240)
    void q35UefiGuestWithVirtInstallDevicesBoots() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd")), "ovmf is not installed");
        String xml = GuestConsole.ptyXml(fx, "vi-q35", """
                <controller type='usb' index='0' model='qemu-xhci' ports='15'/>
                <input type='tablet' bus='usb'/>
                <graphics type='spice' autoport='yes'><image compression='off'/></graphics>
                <sound model='ich9'/>
                <audio id='1' type='spice'/>
                <video><model type='virtio' heads='1' primary='yes'/></video>
                <redirdev bus='usb' type='spicevmc'/>
                <redirdev bus='usb' type='spicevmc'/>
                <memballoon model='virtio'><stats period='10'/></memballoon>
                <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>""")
                .replace("machine='pc'", "machine='q35'")
                .replace("<os>", "<os firmware='efi'><firmware><feature enabled='no' name='secure-boot'/></firmware>")
                .replace("<features><acpi/></features>", "<features><acpi/><apic/><vmport state='off'/></features>"
                        + COMMON);
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(xml);
            d.create(DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                assertTrue(peripherals(d).containsAll(Set.of("usb", "input0", "sound0", "sound0-codec0", "redir0",
                        "redir1", "video0", "balloon0", "rng0")), peripherals(d).toString());
                JsonNode period = JSON.readTree(d.qemuMonitorCommand("""
                        {"execute":"qom-get","arguments":{"path":"/machine/peripheral/balloon0",
                        "property":"guest-stats-polling-interval"}}"""));
                assertEquals(10, period.path("return").asInt(), period.toString());
                GraphicsXml spice = DomainXml.parse(d.getXMLDesc()).devices().graphics().get(0);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", spice.port()), 5000);
                }
                guest.boot(fx, Duration.ofSeconds(150));
                assertEquals("efi", con.run("[ -d /sys/firmware/efi ] && echo efi || echo bios",
                        Duration.ofSeconds(30)));
            }
            d.undefine(DomainUndefineFlag.NVRAM);
        }
    }

    @Test
    @Timeout(180)
    void pcBiosGuestWithEhciCompanionsBoots() throws Exception {
        String xml = GuestConsole.ptyXml(fx, "vi-pc", """
                <controller type='usb' index='0' model='ich9-ehci1'/>
                <controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>
                <controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller>
                <controller type='usb' index='0' model='ich9-uhci3'><master startport='4'/></controller>
                <input type='tablet' bus='usb'/>
                <graphics type='vnc' port='-1' autoport='yes'/>
                <sound model='ich6'/>
                <video><model type='vga'/></video>
                <watchdog model='i6300esb' action='reset'/>
                <memballoon model='virtio'/>""")
                .replace("<features><acpi/></features>", "<features><acpi/><apic/><vmport state='off'/></features>"
                        + COMMON);
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml, DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                assertTrue(peripherals(d).containsAll(Set.of("usb", "input0", "sound0", "watchdog0", "video0")),
                        peripherals(d).toString());
                guest.boot(fx, Duration.ofSeconds(90));
                assertEquals("bios", con.run("[ -d /sys/firmware/efi ] && echo efi || echo bios",
                        Duration.ofSeconds(30)));
            }
        }
    }

    /** The ids of the devices QEMU made from -device (its /machine/peripheral children). */
    private static Set<String> peripherals(Domain d) throws Exception {
        JsonNode r = JSON.readTree(d.qemuMonitorCommand(
                "{\"execute\":\"qom-list\",\"arguments\":{\"path\":\"/machine/peripheral\"}}"));
        Set<String> ids = new HashSet<>();
        r.path("return").forEach(p -> ids.add(p.path("name").asText()));
        return ids;
    }
}
