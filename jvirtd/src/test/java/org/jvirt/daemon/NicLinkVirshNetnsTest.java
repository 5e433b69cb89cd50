package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * Real virsh domif-getlink and domif-setlink against jvirtd (in a network namespace of the test's own): a NIC
 * defined with {@code <link state='down'/>} starts down, and setlink takes it up and down again, live and in
 * the persistent definition with --config.
 */
class NicLinkVirshNetnsTest {

    @Test
    @Timeout(180)
    void virshSetsAndGetsTheLinkOfAGuestsNic() throws Exception {
        QemuTesting.assumeQemu();
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        try (NetnsDaemon d = NetnsDaemon.jvirtd("jvl")) {
            Path xml = d.dir.resolve("dom.xml");
            Files.writeString(xml, """
                    <domain type='qemu'><name>jvlink</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                        <cmdline>console=ttyS0 quiet tg.net=0</cmdline></os>
                      <devices>
                        <interface type='user'><mac address='52:54:00:45:00:01'/><model type='virtio'/>
                          <link state='down'/></interface>
                      </devices></domain>""".formatted(g.kernel(), g.initrd()));
            virsh(d, "define", xml.toString());
            virsh(d, "start", "jvlink");
            try {
                assertTrue(virsh(d, "domif-getlink", "jvlink", "52:54:00:45:00:01").contains("down"));
                virsh(d, "domif-setlink", "jvlink", "52:54:00:45:00:01", "up");
                assertTrue(virsh(d, "domif-getlink", "jvlink", "52:54:00:45:00:01").contains("up"));
                assertTrue(virsh(d, "domif-getlink", "jvlink", "52:54:00:45:00:01", "--config").contains("down"));
                virsh(d, "domif-setlink", "jvlink", "52:54:00:45:00:01", "down", "--config");
                virsh(d, "domif-setlink", "jvlink", "52:54:00:45:00:01", "down");
                assertTrue(virsh(d, "domif-getlink", "jvlink", "52:54:00:45:00:01").contains("down"));
                assertTrue(virsh(d, "dumpxml", "jvlink").contains("<link state='down'/>"));
            } finally {
                virsh(d, "destroy", "jvlink");
                virsh(d, "undefine", "jvlink");
            }
        }
    }

    private static String virsh(NetnsDaemon d, String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", "qemu+unix:///system?socket=" + d.socket));
        argv.addAll(List.of(args));
        return NetnsDaemon.run(true, argv.toArray(new String[0]));
    }
}
