package org.jvirt.driver.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.NWFilterBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IP-layer rules (libvirt's iptables layer: tcp, all, icmp, with connection states) on a real bridge port with
 * real traffic. The guest is stood in for by a namespace behind the filtered veth; a peer namespace sits on the
 * same bridge, unfiltered, and the host has the bridge's address. TCP servers answer in each, real connections
 * are made with bash's /dev/tcp. The filter lets the guest open any connection but to port 8082 (forwarded to
 * the peer or delivered to the host alike), lets others open only port 9091 on the guest, and drops the rest: a
 * connection the peer opens to another port of the guest fails although the guest's own connections' replies
 * pass — the states libvirt's rules track. A tcp-ipv6 rule rejects IPv6 connections to one port and leaves
 * IPv4 alone.
 */
class IpLayerTrafficTest {
    private static final String MAC = "52:54:00:78:00:05";

    private Path root;
    private String uri;
    private final String guestNs = "jvn-g" + ProcessHandle.current().pid();
    private final String peerNs = "jvn-p" + ProcessHandle.current().pid();
    private final List<Process> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Sh.netns();
        root = Sh.tempRoot("iplayer");
        uri = "nwfilter:///system?host_root=" + root;
        Sh.run("ip", "link", "add", "jvnfbr0", "type", "bridge", "stp_state", "0", "forward_delay", "0");
        Sh.run("ip", "address", "add", "10.78.0.1/24", "dev", "jvnfbr0");
        Sh.run("ip", "link", "set", "jvnfbr0", "up");
        int i = 0;
        for (String[] n : new String[][] {{guestNs, "jvnfv0", "10.78.0.5", MAC}, {peerNs, "jvnfv1", "10.78.0.6",
                "52:54:00:78:00:06"}}) {
            Sh.run("ip", "netns", "add", n[0]);
            Sh.run("ip", "link", "add", n[1], "type", "veth", "peer", "name", "eth0", "netns", n[0]);
            Sh.run("ip", "link", "set", n[1], "master", "jvnfbr0", "up");
            in(n[0], "ip", "link", "set", "lo", "up");
            in(n[0], "ip", "link", "set", "eth0", "address", n[3]);
            in(n[0], "ip", "address", "add", n[2] + "/24", "dev", "eth0");
            in(n[0], "ip", "link", "set", "eth0", "up");
            i++;
        }
        servers.add(server(null, "10.78.0.1", 8081, 8082));
        servers.add(server(peerNs, "10.78.0.6", 8081, 8082));
        servers.add(server(guestNs, "10.78.0.5", 9091, 9092));
        for (int t = 0; t < 50 && connect(peerNs, "10.78.0.5", 9092) != 0; t++) {
            Thread.sleep(100); // ports up, servers listening
        }
    }

    @AfterEach
    void tearDown() {
        servers.forEach(Process::destroyForcibly);
        try (Connect c = Connect.open(uri)) {
            for (NWFilterBinding b : c.listAllNWFilterBindings()) {
                b.delete();
            }
        } catch (RuntimeException e) {
            // the test failed before the driver was usable
        }
        Sh.quiet("ip", "link", "del", "jvnfv0");
        Sh.quiet("ip", "link", "del", "jvnfv1");
        Sh.quiet("ip", "link", "del", "jvnfbr0");
        Sh.quiet("ip", "netns", "del", guestNs);
        Sh.quiet("ip", "netns", "del", peerNs);
        Sh.deleteTree(root);
    }

    private static String in(String ns, String... argv) {
        String[] a = new String[argv.length + 4];
        a[0] = "ip";
        a[1] = "netns";
        a[2] = "exec";
        a[3] = ns;
        System.arraycopy(argv, 0, a, 4, argv.length);
        return Sh.run(a);
    }

    /** A TCP server answering "hi PORT" on each of {@code ports} (in {@code ns}, or the test's namespace). */
    private static Process server(String ns, String addr, int... ports) throws Exception {
        String py = """
                import socket, sys, threading
                def serve(p):
                    s = socket.socket(socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET)
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind((sys.argv[1], p)); s.listen()
                    while True:
                        c, _ = s.accept(); c.sendall(b"hi %d\\n" % p); c.close()
                ts = [threading.Thread(target=serve, args=(int(p),)) for p in sys.argv[2:]]
                [t.start() for t in ts]
                """;
        List<String> argv = new ArrayList<>();
        if (ns != null) {
            argv.addAll(List.of("ip", "netns", "exec", ns));
        }
        argv.addAll(List.of("python3", "-c", py, addr));
        for (int p : ports) {
            argv.add(Integer.toString(p));
        }
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** A real TCP connection from {@code ns} that reads the server's greeting; 0 when it came. */
    private static int connect(String ns, String addr, int port) {
        return Sh.status("ip", "netns", "exec", ns, "timeout", "3", "bash", "-c",
                "exec 3<>/dev/tcp/" + addr + "/" + port + " && read -r line <&3 && [ \"$line\" = 'hi " + port + "' ]");
    }

    private static int ping(String ns, String addr) {
        return Sh.status("ip", "netns", "exec", ns, "busybox", "ping", "-c", "1", "-W", "2", addr);
    }

    @Test
    void tcpRulesWithConnectionStatesFilterRealConnections() {
        String before = Sh.run("nft", "list", "ruleset");
        assertEquals(0, connect(peerNs, "10.78.0.5", 9092), "no filter yet: the guest's 9092 answers");
        assertEquals(0, connect(guestNs, "10.78.0.6", 8082), "and the peer's 8082");
        assertEquals(0, connect(guestNs, "10.78.0.1", 8082), "and the host's 8082");
        assertEquals(0, ping(peerNs, "10.78.0.5"), "and the guest answers a ping");
        try (Connect c = Connect.open(uri)) {
            c.nwfilterDefineXML("""
                    <filter name='jvn-tcp' chain='root'>
                      <rule action='drop' direction='out' priority='400'><tcp dstportstart='8082'/></rule>
                      <rule action='accept' direction='out' priority='500'><all/></rule>
                      <rule action='accept' direction='in' priority='500'>
                        <tcp dstportstart='9091' flags='SYN/SYN' comment='ssh-like service'/>
                      </rule>
                      <rule action='accept' direction='in' priority='500'><tcp dstportstart='9091'/></rule>
                      <rule action='drop' direction='inout' priority='1000'><all/></rule>
                    </filter>""");
            NWFilterBinding b = c.nwfilterBindingCreateXML("<filterbinding><owner><name>standin</name>"
                    + "<uuid>6b8b4567-3270-4b7c-9f1a-6b2b0e3f1a78</uuid></owner><portdev name='jvnfv0'/>"
                    + "<mac address='" + MAC + "'/><filterref filter='jvn-tcp'/></filterbinding>");
            String rules = Sh.run("nft", "list", "table", "inet", "jvirt_nwfilter");
            assertTrue(rules.contains("chain FI-jvnfv0") && rules.contains("tcp dport 8082 drop"), rules);
            // what the guest opens
            assertEquals(0, connect(guestNs, "10.78.0.6", 8081), "the guest connects out; replies pass:\n" + rules);
            assertNotEquals(0, connect(guestNs, "10.78.0.6", 8082), "tcp to port 8082 is dropped");
            assertEquals(0, connect(guestNs, "10.78.0.1", 8081), "to the host itself (HI- chain)");
            assertNotEquals(0, connect(guestNs, "10.78.0.1", 8082), "to the host's 8082: dropped as well");
            assertEquals(0, ping(guestNs, "10.78.0.6"), "icmp out, its reply back");
            // what others open
            assertEquals(0, connect(peerNs, "10.78.0.5", 9091), "the guest's 9091 is open to others");
            assertNotEquals(0, connect(peerNs, "10.78.0.5", 9092), "a new connection to any other port is not");
            assertNotEquals(0, ping(peerNs, "10.78.0.5"), "nor a ping the guest did not ask for");
            String counters = Sh.run("nft", "list", "chain", "inet", "jvirt_nwfilter", "FO-jvnfv0");
            assertTrue(counters.contains("comment \"ssh-like service\""), counters);
            b.delete();
            assertEquals(before, Sh.run("nft", "list", "ruleset"), "the binding's rules are gone, exactly");
            assertEquals(0, connect(peerNs, "10.78.0.5", 9092));
        }
    }

    @Test
    void ipv6RulesFilterRealConnectionsToo() throws Exception {
        in(guestNs, "ip", "-6", "address", "add", "fd00:78::5/64", "dev", "eth0", "nodad");
        in(peerNs, "ip", "-6", "address", "add", "fd00:78::6/64", "dev", "eth0", "nodad");
        servers.add(server(peerNs, "fd00:78::6", 8081, 8082));
        for (int t = 0; t < 50 && connect(guestNs, "fd00:78::6", 8082) != 0; t++) {
            Thread.sleep(100);
        }
        assertEquals(0, connect(guestNs, "fd00:78::6", 8082), "no filter yet");
        String before = Sh.run("nft", "list", "ruleset");
        try (Connect c = Connect.open(uri)) {
            c.nwfilterDefineXML("""
                    <filter name='jvn-tcp6' chain='root'>
                      <rule action='reject' direction='out'><tcp-ipv6 dstportstart='8082' dstipaddr='fd00:78::'
                        dstipmask='64'/></rule>
                    </filter>""");
            NWFilterBinding b = c.nwfilterBindingCreateXML("<filterbinding><owner><name>standin</name>"
                    + "<uuid>6b8b4567-3270-4b7c-9f1a-6b2b0e3f1a79</uuid></owner><portdev name='jvnfv0'/>"
                    + "<mac address='" + MAC + "'/><filterref filter='jvn-tcp6'/></filterbinding>");
            assertEquals(0, connect(guestNs, "fd00:78::6", 8081), "IPv6 to another port passes");
            assertNotEquals(0, connect(guestNs, "fd00:78::6", 8082), "tcp-ipv6 to 8082 is rejected");
            assertEquals(0, connect(guestNs, "10.78.0.6", 8082), "an IPv6 rule leaves IPv4 alone");
            b.delete();
            assertEquals(before, Sh.run("nft", "list", "ruleset"));
            assertEquals(0, connect(guestNs, "fd00:78::6", 8082));
        }
    }
}
