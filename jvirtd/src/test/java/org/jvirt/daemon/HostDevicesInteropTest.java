package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real virsh 9.0 against jvirtd's node device and host interface drivers (jvirt-driver-host): nodedev-list,
 * --tree, --cap, nodedev-dumpxml, nodedev-event for a veth pair the test makes and removes; iface-list,
 * iface-dumpxml, iface-mac, a definition rolled back; both also
 * through a qemu:///system connection of jvirtd.
 */
class HostDevicesInteropTest {

    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no virsh");
        fx = new DaemonFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String uri(String scheme) {
        return scheme + "+unix:///system?socket=" + fx.daemon.socketPath() + "&host_root=" + fx.dir.resolve("hostroot");
    }

    private static Tools.Result ok(Tools.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    @Test
    void virshNodedevCommands() throws Exception {
        String list = ok(Tools.virsh(uri("nodedev"), "nodedev-list")).out();
        assertTrue(list.contains("computer"), list);
        String pci = list.lines().filter(l -> l.startsWith("pci_")).findFirst().orElseThrow();
        String tree = ok(Tools.virsh(uri("nodedev"), "nodedev-list", "--tree")).out();
        assertTrue(tree.startsWith("computer\n"), tree);
        assertTrue(tree.contains("+- " + pci), tree);
        assertEquals(List.of("computer"), ok(Tools.virsh(uri("nodedev"), "nodedev-list", "--cap", "system")).out()
                .strip().lines().toList());
        String xml = ok(Tools.virsh(uri("nodedev"), "nodedev-dumpxml", pci)).out();
        assertTrue(xml.contains("<name>" + pci + "</name>") && xml.contains("<capability type='pci'>"), xml);
        Tools.Result missing = Tools.virsh(uri("nodedev"), "nodedev-dumpxml", "pci_nope");
        assertTrue(missing.err().contains("Node device not found: no node device with matching name 'pci_nope'"),
                missing::toString);
        Tools.Result detach = Tools.virsh(uri("nodedev"), "nodedev-destroy", pci);
        assertTrue(detach.err().contains("unsupported configuration: Unsupported device type"), detach::toString);
        String qemu = uri("qemu") + "&state_dir=" + fx.dir.resolve("q-state") + "&run_dir=" + fx.dir.resolve("q-run");
        assertTrue(ok(Tools.virsh(qemu, "nodedev-list", "--cap", "pci")).out().contains(pci));
        if (!Files.exists(Path.of("/dev/vfio/vfio"))) {
            Tools.Result noVfio = Tools.virsh(qemu, "nodedev-detach", pci);
            assertTrue(noVfio.err().contains("argument unsupported: VFIO device assignment is currently not supported "
                    + "on this system"), noVfio::toString);
        }
        Tools.Result gone = Tools.virsh(qemu, "nodedev-detach", "pci_0000_ff_1f_7");
        assertTrue(gone.err().contains("no node device with matching name 'pci_0000_ff_1f_7'"), gone::toString);
        assertTrue(ok(Tools.virsh(qemu, "nodedev-reattach", pci)).out().contains("re-attached"));
    }

    @Test
    void virshNodedevEventsForAVethPairAndALoopDevice() throws Exception {
        String a = "hstv" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
        Path out = fx.dir.resolve("nodedev-events.txt");
        Path image = Files.createTempFile("host-loop-", ".img");
        String loop = null;
        Process ev = Tools.start(out, Tools.VIRSH.toString(), "-c", uri("nodedev"), "nodedev-event", "--event",
                "lifecycle", "--loop", "--timeout", "10");
        try {
            Files.write(image, new byte[1 << 20]);
            Thread.sleep(2000);
            ok(Tools.run(List.of("ip", "link", "add", a, "type", "veth", "peer", "name", a + "p"), 30));
            loop = ok(Tools.run(List.of("losetup", "--find", "--show", image.toString()), 30)).out().strip();
            Thread.sleep(1000);
            ok(Tools.run(List.of("ip", "link", "del", a), 30));
            ok(Tools.run(List.of("losetup", "-d", loop), 30));
            assertTrue(ev.waitFor(30, TimeUnit.SECONDS));
        } finally {
            ev.destroy();
            Tools.run(List.of("ip", "link", "del", a), 30);
            if (loop != null) {
                Tools.run(List.of("losetup", "-d", loop), 30);
            }
            Files.deleteIfExists(image);
        }
        String text = Files.readString(out);
        assertTrue(text.matches("(?s).*event 'lifecycle' for node device net_" + a + "_[0-9a-f_]+: Created.*"), text);
        assertTrue(text.matches("(?s).*event 'lifecycle' for node device net_" + a + "_[0-9a-f_]+: Deleted.*"), text);
        assertTrue(text.matches("(?s).*event 'lifecycle' for node device net_" + a + "p_[0-9a-f_]+: Created.*"), text);
        String block = "block_" + Path.of(loop).getFileName();
        assertTrue(text.contains("event 'lifecycle' for node device " + block + ": Created"), text);
        assertTrue(text.contains("event 'lifecycle' for node device " + block + ": Deleted"), text);
    }

    /** jvirt's own remote driver against jvirtd: the node device calls, PCI detach's errors included. */
    @Test
    void javaRemoteClient() throws Exception {
        try (org.jvirt.Connect c = org.jvirt.Connect.open(uri("nodedev"))) {
            org.jvirt.NodeDevice pci = c.listAllNodeDevices(org.jvirt.flags.ListNodeDevicesFlag.CAP_PCI_DEV).get(0);
            assertTrue(pci.getXMLDesc().contains("<capability type='pci'>"));
            assertEquals("computer", pci.getParent());
            org.jvirt.VirtException e = org.junit.jupiter.api.Assertions.assertThrows(org.jvirt.VirtException.class,
                    () -> pci.detachFlags("xen"));
            assertEquals(org.jvirt.ErrorNumber.INVALID_ARG, e.error().number());
            assertTrue(e.getMessage().contains("unknown driver name 'xen'"), e.getMessage());
            pci.reAttach();
            e = org.junit.jupiter.api.Assertions.assertThrows(org.jvirt.VirtException.class, pci::reset);
            assertEquals(org.jvirt.ErrorNumber.NO_SUPPORT, e.error().number());
        }
    }

    @Test
    void virshIfaceCommands() throws Exception {
        String all = ok(Tools.virsh(uri("interface"), "iface-list", "--all")).out();
        assertTrue(all.matches("(?s).*\\n lo\\s+inactive\\s+00:00:00:00:00:00\\n.*"), all);
        String xml = ok(Tools.virsh(uri("interface"), "iface-dumpxml", "lo")).out();
        assertTrue(xml.startsWith("<interface type='ethernet' name='lo'>\n  <mtu size='65536'/>\n"), xml);
        assertTrue(xml.contains("<ip address='127.0.0.1' prefix='8'/>"), xml);
        assertTrue(xml.contains("<link state='unknown'/>\n  <mac address='00:00:00:00:00:00'/>"), xml);
        assertEquals("00:00:00:00:00:00", ok(Tools.virsh(uri("interface"), "iface-mac", "lo")).out().strip());
        ok(Tools.virsh(uri("interface"), "iface-begin"));
        Path def = fx.dir.resolve("iface.xml");
        Files.writeString(def, "<interface type='ethernet' name='hstdef0'><mac address='52:54:00:01:02:03'/></interface>");
        ok(Tools.virsh(uri("interface"), "iface-define", def.toString()));
        assertTrue(ok(Tools.virsh(uri("interface"), "iface-list", "--inactive")).out().contains(" hstdef0 "));
        ok(Tools.virsh(uri("interface"), "iface-rollback")); // changes of the host's links: HostInterfaceChangeTest
        assertTrue(!ok(Tools.virsh(uri("interface"), "iface-list", "--all")).out().contains("hstdef0"));
        Tools.Result missing = Tools.virsh(uri("interface"), "iface-dumpxml", "hstnone0");
        assertTrue(missing.err().contains("Interface not found: couldn't find interface named 'hstnone0'"),
                missing::toString);
        String qemu = uri("qemu") + "&state_dir=" + fx.dir.resolve("q-state") + "&run_dir=" + fx.dir.resolve("q-run");
        assertTrue(ok(Tools.virsh(qemu, "iface-list", "--all")).out().contains(" lo "));
    }
}
