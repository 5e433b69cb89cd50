package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Network;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bandwidth and port isolation on the real test guest: the network's {@code <bandwidth>} shapes its bridge
 * (libvirt's hierarchical htb classes), the NIC's shapes its tap (htb for what the guest receives, an ingress
 * police for what it sends, libvirt's tc commands) and a transfer from the guest is held to the outbound rate;
 * the network's {@code <port isolated='yes'/>} isolates the guest's port, so it cannot reach another isolated
 * port (a namespace behind a veth standing in for a second guest), though it reaches it while that port is not.
 */
class GuestPortQosTest {

    private Path root;
    private String qemuUri;
    private final String peerNs = "network-jvp" + ProcessHandle.current().pid();

    @BeforeEach
    void setUp() {
        Netns.name();
        QemuTesting.assumeQemu();
        root = Netns.tempRoot("qos");
        qemuUri = "qemu:///session?state_dir=" + root.resolve("q/state") + "&run_dir=" + root.resolve("q/run")
                + "&host_root=" + root;
        Netns.run("ip", "netns", "add", peerNs);
    }

    @AfterEach
    void tearDown() {
        try (Connect c = Connect.open(qemuUri)) {
            for (Domain d : c.listAllDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
            for (Network n : c.listAllNetworks()) {
                if (n.isActive()) {
                    n.destroy();
                }
            }
        }
        Netns.quiet("ip", "link", "del", "jvqp0");
        Netns.quiet("ip", "netns", "del", peerNs);
        Netns.deleteTree(root);
    }

    @Test
    void bandwidthShapesBridgeAndTapAndIsolatedPortsCannotTalk() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        try (Connect c = Connect.open(qemuUri)) {
            c.networkLookupByName("default").destroy();
            c.networkCreateXML("""
                    <network><name>jvqos</name><forward mode='nat'/><bridge name='jvqbr0' stp='off'/>
                      <bandwidth><inbound average='2000' peak='4000'/><outbound average='2000'/></bandwidth>
                      <port isolated='yes'/>
                      <ip address='10.97.0.1' netmask='255.255.255.0'>
                        <dhcp><range start='10.97.0.100' end='10.97.0.150'/></dhcp>
                      </ip></network>""");
            String br = Netns.run("tc", "class", "show", "dev", "jvqbr0");
            assertTrue(br.contains("class htb 1:1 root rate 16Mbit ceil 32Mbit"), br);
            assertTrue(br.contains("class htb 1:2 parent 1:1"), br);
            Domain d = c.domainCreateXML("""
                    <domain type='qemu'><name>jvqosguest</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                        <cmdline>console=ttyS0 no_timer_check quiet tg.net=1 tg.token=jvqos</cmdline></os>
                      <features><acpi/></features>
                      <devices>
                        <interface type='network'><mac address='52:54:00:97:00:07'/><source network='jvqos'/>
                          <model type='virtio'/>
                          <bandwidth><inbound average='500' peak='1000' burst='256'/>
                            <outbound average='64'/></bandwidth>
                        </interface>
                        <serial type='pty'><target port='0'/></serial>
                        <console type='pty'><target type='serial' port='0'/></console>
                      </devices></domain>""".formatted(g.kernel(), g.initrd()));
            String tap = "jv" + d.getUUIDString().substring(0, 8) + "n0";
            String cls = Netns.run("tc", "class", "show", "dev", tap);
            // libvirt's htb class on the tap (its sfq leaf only where the kernel has sfq)
            assertTrue(cls.matches("(?s)class htb 1:1 root (leaf 2: )?prio 0 rate 4Mbit ceil 8Mbit burst 256Kb.*"),
                    cls);
            // outbound: tc's police on the tap's ingress, or, on a kernel without it, shaped on an ifb device
            String police = Netns.run("tc", "filter", "show", "dev", tap, "parent", "ffff:");
            String ifb = Netns.linkExists("ifb" + tap) ? Netns.run("tc", "class", "show", "dev", "ifb" + tap) : "";
            assertTrue(police.contains("police") && police.contains("rate 512Kbit")
                    || police.contains("mirred") && ifb.contains("rate 512Kbit"), police + ifb);
            assertEquals("1", Netns.run("cat", "/sys/class/net/" + tap + "/brport/isolated").strip());
            assertTrue(d.getXMLDesc().contains("<port isolated='yes'/>"), d.getXMLDesc());

            // the stand-in for a second guest, on a port that is not isolated (yet)
            Netns.run("ip", "link", "add", "jvqp0", "type", "veth", "peer", "name", "eth0", "netns", peerNs);
            Netns.run("ip", "link", "set", "jvqp0", "master", "jvqbr0", "up");
            Netns.run("ip", "netns", "exec", peerNs, "ip", "address", "add", "10.97.0.50/24", "dev", "eth0");
            Netns.run("ip", "netns", "exec", peerNs, "ip", "link", "set", "eth0", "up");

            try (GuestConsole con = new GuestConsole(c, d)) {
                con.waitFor(Pattern.compile("TESTGUEST-NET ip=([0-9.]+)/"), 90);
                con.waitFor(Pattern.compile("TESTGUEST-READY"), 60);
                assertTrue(con.run("ping -c 1 -W 5 10.97.0.1").contains("1 packets received"));
                assertTrue(con.run("ping -c 1 -W 5 10.97.0.50").contains("1 packets received"),
                        "an isolated port reaches one that is not");
                Netns.run("ip", "link", "set", "jvqp0", "type", "bridge_slave", "isolated", "on");
                assertTrue(con.run("ping -c 2 -W 2 10.97.0.50").contains("0 packets received"),
                        "two isolated ports do not reach each other");

                // 384 KiB from the guest, policed at 64 KiB/s (burst 64 KiB): at least ~5 s
                try (ServerSocket server = new ServerSocket()) {
                    server.bind(new InetSocketAddress("10.97.0.1", 0));
                    CompletableFuture<Long> took = CompletableFuture.supplyAsync(() -> receive(server, 384 * 1024));
                    con.run("dd if=/dev/zero bs=1024 count=384 2>/dev/null | nc -w 30 10.97.0.1 "
                            + server.getLocalPort());
                    long ms = took.get();
                    System.out.println("GuestPortQosTest: 384 KiB from the guest at 64 KiB/s outbound took " + ms
                            + " ms");
                    assertTrue(ms > 3500, "the transfer took " + ms + " ms: not policed");
                }
            }
            d.destroy();
        }
    }

    /** Accepts one connection and reads {@code bytes}; returns the milliseconds from the first byte. */
    private static long receive(ServerSocket server, int bytes) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            byte[] buf = new byte[65536];
            long start = 0;
            int got = 0;
            for (int k; got < bytes && (k = in.read(buf)) > 0; got += k) {
                if (start == 0) {
                    start = System.nanoTime();
                }
            }
            if (got < bytes) {
                throw new IllegalStateException("received only " + got + " bytes");
            }
            return (System.nanoTime() - start) / 1_000_000;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
