package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Macvtap networks over veths made in each daemon's namespace: the live XML with the connection counts of
     * the ports virsh creates, each port's plug (the device libvirt's allocation picks), and the errors of an
     * exclusive device taken and of a PF without virtual functions.
     */
    @Test
    void macvtapNetworksAllocateAndCountAsLibvirt() throws Exception {
        for (NetnsDaemon d : new NetnsDaemon[] {jv, lv}) {
            for (String v : new String[] {"jvnv0", "jvnv1"}) {
                d.inNs("ip", "link", "add", v, "type", "veth", "peer", "name", v + "p");
                d.inNs("ip", "link", "set", v, "up");
            }
        }
        String[] nets = {
            "<network><name>dvepa</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a11</uuid><forward mode='vepa'>"
                    + "<interface dev='jvnv0'/><interface dev='jvnv1'/></forward></network>",
            "<network><name>dpass</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a12</uuid>"
                    + "<forward mode='passthrough' dev='jvnv1'/></network>",
            "<network><name>dbrm</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a13</uuid><forward mode='bridge'>"
                    + "<interface dev='jvnv0'/></forward></network>",
            "<network><name>dpf</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1a14</uuid><forward mode='private'>"
                    + "<pf dev='jvnv0'/></forward></network>"};
        for (String xml : nets) {
            String name = xml.replaceAll(".*<name>([^<]+)</name>.*", "$1");
            for (NetnsDaemon d : new NetnsDaemon[] {jv, lv}) {
                Path f = d.dir.resolve(name + ".xml");
                Files.writeString(f, xml);
                d.virsh("net-define", f.toString());
            }
            assertEquals(lv.virsh("net-dumpxml", name, "--inactive"), jv.virsh("net-dumpxml", name, "--inactive"));
            if (name.equals("dpf")) {
                assertEquals(virshFails(lv, "net-start", name), virshFails(jv, "net-start", name));
                continue;
            }
            jv.virsh("net-start", name);
            lv.virsh("net-start", name);
            for (int i = 1; i <= (name.equals("dvepa") ? 3 : 2); i++) {
                String port = "<networkport><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1b0" + i + "</uuid><owner><name>vm"
                        + i + "</name><uuid>7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1c0" + i + "</uuid></owner>"
                        + "<mac address='52:54:00:7d:1d:0" + i + "'/></networkport>";
                String uuid = "7d1c2e1a-6f0b-4a39-9a55-0c1b7d2f1b0" + i;
                for (NetnsDaemon d : new NetnsDaemon[] {jv, lv}) {
                    Files.writeString(d.dir.resolve("p.xml"), port);
                }
                if (name.equals("dpass") && i == 2) {
                    // the only device is taken: libvirt's error, on both
                    assertEquals(virshFails(lv, "net-port-create", name, lv.dir.resolve("p.xml").toString()),
                            virshFails(jv, "net-port-create", name, jv.dir.resolve("p.xml").toString()));
                    continue;
                }
                jv.virsh("net-port-create", name, jv.dir.resolve("p.xml").toString());
                lv.virsh("net-port-create", name, lv.dir.resolve("p.xml").toString());
                assertEquals(lv.virsh("net-port-dumpxml", name, uuid), jv.virsh("net-port-dumpxml", name, uuid),
                        name + " port " + i);
            }
            assertEquals(lv.virsh("net-dumpxml", name), jv.virsh("net-dumpxml", name), name + " live");
            jv.virsh("net-destroy", name);
            lv.virsh("net-destroy", name);
        }
    }

    /** What virsh prints when a command fails (it must fail). */
    private static String virshFails(NetnsDaemon d, String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", d.networkUri()));
        argv.addAll(List.of(args));
        String out = NetnsDaemon.run(false, argv.toArray(new String[0]));
        assertTrue(out.contains("error:"), out);
        return out.replace(d.dir.toString(), "DIR").strip();
    }
}
