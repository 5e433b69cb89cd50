package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Linux bridge of the test's own on the host (root only), with an address the guest can ping, and what sysfs
 * says about host interfaces. Removed by {@link #close()}.
 */
final class HostNet implements AutoCloseable {

    final String bridge;
    /** The third octet of the bridge's 10.251.N.1/24. */
    final int subnet;

    private HostNet(String bridge, int subnet) {
        this.bridge = bridge;
        this.subnet = subnet;
    }

    /** Skips the test when the host cannot make bridges and taps (not root, no /dev/net/tun, no ip). */
    static HostNet createBridge() throws IOException, InterruptedException {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
                "bridges and taps need root");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
        String name = "jvtbr" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        int subnet = ThreadLocalRandom.current().nextInt(10, 250);
        ip("link", "add", "name", name, "type", "bridge", "forward_delay", "0");
        HostNet h = new HostNet(name, subnet);
        try {
            ip("addr", "add", "10.251." + subnet + ".1/24", "dev", name);
            ip("link", "set", "dev", name, "up");
        } catch (IOException | RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    String hostAddress() {
        return "10.251." + subnet + ".1";
    }

    String guestAddress() {
        return "10.251." + subnet + ".2";
    }

    static boolean exists(String ifname) {
        return Files.exists(Path.of("/sys/class/net", ifname));
    }

    /** The bridge an interface is enslaved to, or null. */
    static String master(String ifname) throws IOException {
        Path m = Path.of("/sys/class/net", ifname, "master");
        return Files.isSymbolicLink(m) ? Files.readSymbolicLink(m).getFileName().toString() : null;
    }

    static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (exists(bridge)) {
            ip("link", "del", "dev", bridge);
        }
    }
}
