package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.Network;
import org.jvirt.NetworkPort;
import org.jvirt.VirtException;
import org.jvirt.flags.NetworkPortCreateFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** virNetworkPort*: create with libvirt's checks, the plug the driver fills in, list, lookup, parameters, delete. */
class NetworkPortTest {

    private Path root;
    private Connect c;

    @BeforeEach
    void open() {
        Netns.name();
        root = Netns.tempRoot("port");
        c = Connect.open("network:///system?host_root=" + root);
        c.networkLookupByName("default").destroy();
    }

    @AfterEach
    void close() {
        for (Network n : c.listAllNetworks()) {
            if (n.isActive()) {
                n.destroy();
            }
        }
        c.close();
        Netns.deleteTree(root);
    }

    private static String port(UUID id, String mac) {
        return "<networkport><uuid>" + id + "</uuid><owner><name>vm1</name>"
                + "<uuid>11111111-2222-3333-4444-555555555555</uuid></owner><mac address='" + mac + "'/>"
                + "<bandwidth><inbound average='1000' peak='2000'/></bandwidth></networkport>";
    }

    @Test
    void portsLiveOnARunningNetworkAndSayWhereToPlug() {
        Network n = c.networkCreateXML("<network><name>jvport</name><forward/><bridge name='jvnbrp'/>"
                + "<ip address='10.95.0.1' prefix='24'/></network>");
        UUID id = UUID.randomUUID();
        NetworkPort p = n.portCreateXML(port(id, "52:54:00:AB:CD:EF"));
        assertEquals(id, p.getUUID());
        String xml = p.getXMLDesc();
        assertTrue(xml.contains("<mac address='52:54:00:ab:cd:ef'/>"), xml);
        assertTrue(xml.contains("<plug type='network' bridge='jvnbrp' macTableManager='kernel'/>"), xml);
        assertEquals(List.of(p), n.listAllPorts());
        assertEquals(p, n.portLookupByUUIDString(id.toString()));
        Map<String, Object> params = p.getParameters();
        assertEquals(1000, params.get(NetworkPort.BANDWIDTH_IN_AVERAGE));
        assertEquals(2000, params.get(NetworkPort.BANDWIDTH_IN_PEAK));
        assertEquals(0, params.get(NetworkPort.BANDWIDTH_OUT_AVERAGE));
        assertTrue(Files.exists(root.resolve("system/run/network/ports-" + n.getUUID() + "/" + id + ".xml")));
        VirtException dup = assertThrows(VirtException.class, () -> n.portCreateXML(port(id, "52:54:00:ab:cd:ef")));
        assertEquals(ErrorNumber.NETWORK_PORT_EXIST, dup.number());
        assertEquals(p, n.portCreateXML(port(id, "52:54:00:ab:cd:ef"), NetworkPortCreateFlag.RECLAIM));
        VirtException bad = assertThrows(VirtException.class, () -> n.portCreateXML(
                "<networkport><uuid>" + UUID.randomUUID() + "</uuid><mac address='52:54:00:00:00:01'/></networkport>"));
        assertTrue(bad.getMessage().contains("network port has no owner name"), bad.getMessage());
        p.delete();
        assertEquals(List.of(), n.listAllPorts());
        VirtException gone = assertThrows(VirtException.class, () -> n.portLookupByUUID(id));
        assertEquals(ErrorNumber.NO_NETWORK_PORT, gone.number());
        assertEquals(ErrorNumber.NO_SUPPORT, assertThrows(VirtException.class,
                () -> n.portCreateXML(port(UUID.randomUUID(), "52:54:00:00:00:02")).setParameters(Map.of()))
                .number());
    }

    @Test
    void anInactiveNetworkHasNoPortsAndStoppingDropsThem() {
        Network n = c.networkDefineXML("<network><name>jvport2</name><bridge name='jvnbrq'/>"
                + "<ip address='10.95.1.1' prefix='24'/></network>");
        VirtException e = assertThrows(VirtException.class,
                () -> n.portCreateXML(port(UUID.randomUUID(), "52:54:00:00:00:03")));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        n.create();
        n.portCreateXML(port(UUID.randomUUID(), "52:54:00:00:00:03"));
        n.destroy();
        n.create();
        assertEquals(List.of(), n.listAllPorts());
    }
}
