package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real virsh net-* and net-port-* against a jvirtd whose network driver runs in a network namespace of the
 * test's own (the daemon is started under {@code ip netns exec}; its unix socket works across namespaces), so
 * the host's networking is untouched. Everything the daemon made goes with the namespace.
 */
class NetworkVirshNetnsTest {

    private static final String NS = "network-jvd" + ProcessHandle.current().pid();
    private static Path dir;
    private static Process daemon;
    private static String uri;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvnetd",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                listen_tcp = 0
                listen_tls = 0
                """.formatted(run));
        sh("ip", "netns", "add", NS);
        sh("ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", NS, java.toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "-f", conf.toString()));
        pb.environment().put("JVIRT_HOST_ROOT", dir.resolve("root").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("jvirtd.log").toFile());
        daemon = pb.start();
        Path socket = run.resolve(Daemon.SOCK_RW);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(socket)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("jvirtd did not come up: " + Files.readString(dir.resolve("jvirtd.log")));
            }
            Thread.sleep(20);
        }
        uri = "network+unix:///system?socket=" + socket;
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        // what the daemon started in the namespace (dnsmasq) goes with it, by pid
        for (String pid : run(false, "ip", "netns", "pids", NS).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run(false, "ip", "netns", "del", NS);
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(run(false, "ip", "netns", "list").contains(NS));
    }

    private static String sh(String... argv) {
        return run(true, argv);
    }

    private static String run(boolean mustSucceed, String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            if (mustSucceed) {
                assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String virsh(String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
        argv.addAll(List.of(args));
        return sh(argv.toArray(new String[0]));
    }

    private static String inNs(String... argv) {
        List<String> a = new ArrayList<>(List.of("ip", "netns", "exec", NS));
        a.addAll(List.of(argv));
        return sh(a.toArray(new String[0]));
    }

    @Test
    void virshManagesNetworksAndPortsOfJvirtd() throws Exception {
        // a fresh scope: the default network is defined and autostarted, as Debian's package does
        String list = virsh("net-list", "--all");
        assertTrue(list.matches("(?s)\\s*default\\s+active\\s+yes\\s+yes\\s*"), list);
        assertTrue(inNs("ip", "-o", "link", "show", "virbr0").contains("virbr0"));
        Path xml = dir.resolve("net.xml");
        Files.writeString(xml, """
                <network><name>jvv</name><forward mode='nat'/><bridge name='jvnbrv'/>
                  <ip address='10.96.0.1' netmask='255.255.255.0'>
                    <dhcp><range start='10.96.0.10' end='10.96.0.20'/></dhcp></ip></network>""");
        virsh("net-define", xml.toString());
        virsh("net-start", "jvv");
        virsh("net-autostart", "jvv");
        String info = virsh("net-info", "jvv");
        assertTrue(info.contains("Active:         yes") && info.contains("Autostart:      yes")
                && info.contains("Bridge:         jvnbrv"), info);
        assertTrue(virsh("net-dumpxml", "jvv").contains("<bridge name='jvnbrv' stp='on' delay='0'/>"));
        // net-update over the wire: command and section in the order the server announces
        virsh("net-update", "jvv", "add", "ip-dhcp-host",
                "<host mac='52:54:00:96:00:05' name='h5' ip='10.96.0.5'/>", "--live", "--config");
        assertTrue(virsh("net-dumpxml", "jvv", "--inactive").contains("name='h5'"));
        assertEquals("52:54:00:96:00:05,10.96.0.5,h5\n",
                Files.readString(dir.resolve("root/system/lib/network/dnsmasq/jvv.hostsfile")));
        assertTrue(virsh("net-dhcp-leases", "jvv").isBlank());
        Path port = dir.resolve("port.xml");
        Files.writeString(port, """
                <networkport><uuid>6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61</uuid>
                  <owner><name>vm</name><uuid>6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c62</uuid></owner>
                  <mac address='52:54:00:96:00:09'/></networkport>""");
        virsh("net-port-create", "jvv", port.toString());
        assertEquals("6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61", virsh("net-port-list", "jvv", "--uuid").strip());
        assertTrue(virsh("net-port-dumpxml", "jvv", "6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61")
                .contains("<plug type='network' bridge='jvnbrv' macTableManager='kernel'/>"));
        virsh("net-port-delete", "jvv", "6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61");
        assertTrue(virsh("net-port-list", "jvv").isBlank());
        virsh("net-destroy", "jvv");
        virsh("net-undefine", "jvv");
        virsh("net-destroy", "default");
        String tables = inNs("nft", "list", "tables");
        assertTrue(tables.isBlank(), tables);
        assertFalse(inNs("ip", "-o", "link").contains("jvnbrv"));
    }
}
