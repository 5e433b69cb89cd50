package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same network XML given to jvirtd and to a private real libvirtd 9.0 (each in its own network namespace),
 * through real virsh: the live and inactive XML must be the same, and so must the bridge each made.
 */
class NetworkDifferentialTest {

    private static NetnsDaemon jv;
    private static NetnsDaemon lv;

    @BeforeAll
    static void start() throws Exception {
        jv = NetnsDaemon.jvirtd("jdf");
        lv = NetnsDaemon.libvirtd("ldf");
        // this libvirtd has no packaged default network; jvirtd's fresh scope made one: out of the way
        jv.virsh("net-destroy", "default");
        jv.virsh("net-undefine", "default");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jv != null) {
            jv.close();
        }
        if (lv != null) {
            lv.close();
        }
    }

    private static final String[] NETWORKS = {
        """
        <network><name>dnat</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a01</uuid>
          <forward mode='nat'/><bridge name='jvdf0'/><mac address='52:54:00:7d:1c:01'/>
          <domain name='example.test'/>
          <ip address='10.97.0.1' netmask='255.255.255.0'>
            <dhcp><range start='10.97.0.10' end='10.97.0.99'/>
              <host mac='52:54:00:7d:1c:55' name='h1' ip='10.97.0.5'/></dhcp></ip></network>""",
        """
        <network><name>diso</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a02</uuid>
          <bridge name='jvdf1' stp='off'/><mac address='52:54:00:7d:1c:02'/>
          <ip address='10.97.1.1' prefix='24'/></network>""",
        """
        <network><name>droute</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a03</uuid>
          <forward mode='route'/><bridge name='jvdf2'/><mac address='52:54:00:7d:1c:03'/><mtu size='9000'/>
          <ip address='10.97.2.1' netmask='255.255.255.0'/></network>""",
        """
        <network><name>dnoname</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a04</uuid>
          <forward/><ip address='10.97.3.1' netmask='255.255.255.0'/></network>"""
    };

    @Test
    void liveAndInactiveXmlAreLibvirts() throws Exception {
        for (int i = 0; i < NETWORKS.length; i++) {
            Path xml = jv.dir.resolve("n" + i + ".xml");
            Files.writeString(xml, NETWORKS[i]);
            Files.writeString(lv.dir.resolve("n" + i + ".xml"), NETWORKS[i]);
            jv.virsh("net-define", xml.toString());
            String name = NETWORKS[i].replaceAll("(?s).*<name>([^<]+)</name>.*", "$1");
            lv.virsh("net-define", lv.dir.resolve("n" + i + ".xml").toString());
            String inactiveJ = jv.virsh("net-dumpxml", name, "--inactive");
            String inactiveL = lv.virsh("net-dumpxml", name, "--inactive");
            if (name.equals("dnoname")) { // a generated MAC differs; the rest must not
                inactiveJ = inactiveJ.replaceAll("<mac address='[^']+'/>", "<mac/>");
                inactiveL = inactiveL.replaceAll("<mac address='[^']+'/>", "<mac/>");
            }
            assertEquals(inactiveL, inactiveJ, name + " inactive");
            jv.virsh("net-start", name);
            lv.virsh("net-start", name);
            String liveJ = jv.virsh("net-dumpxml", name);
            String liveL = lv.virsh("net-dumpxml", name);
            if (name.equals("dnoname")) {
                liveJ = liveJ.replaceAll("<mac address='[^']+'/>", "<mac/>");
                liveL = liveL.replaceAll("<mac address='[^']+'/>", "<mac/>");
            }
            assertEquals(liveL, liveJ, name + " live");
            String bridge = lv.virsh("net-info", name).replaceAll("(?s).*Bridge:\\s+(\\S+).*", "$1");
            String addrJ = jv.inNs("ip", "-4", "-o", "address", "show", "dev", bridge).replaceAll("^\\d+: ", "");
            String addrL = lv.inNs("ip", "-4", "-o", "address", "show", "dev", bridge).replaceAll("^\\d+: ", "");
            assertEquals(addrL.replaceAll("valid_lft.*", ""), addrJ.replaceAll("valid_lft.*", ""), name);
            assertEquals(lv.inNs("cat", "/sys/class/net/" + bridge + "/mtu"),
                    jv.inNs("cat", "/sys/class/net/" + bridge + "/mtu"), name + " mtu");
            jv.virsh("net-destroy", name);
            lv.virsh("net-destroy", name);
        }
    }
}
