package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test JVM's network namespace (made by src/test/netns/bin/java) and the host commands the tests use to look
 * at it. Refuses to run outside that namespace, so no test here can touch the host's networking.
 */
final class Netns {

    private Netns() {
    }

    static String name() {
        String ns = System.getenv("JVIRT_TEST_NETNS");
        assertNotNull(ns, "these tests run only inside the namespace src/test/netns/bin/java makes");
        return ns;
    }

    static String run(String... argv) {
        return withInput(null, argv);
    }

    static String withInput(String stdin, String... argv) {
        return exec(stdin, true, argv);
    }

    /** Runs and returns the output whatever the exit status. */
    static String output(String... argv) {
        return exec(null, false, argv);
    }

    private static String exec(String stdin, boolean mustSucceed, String... argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", argv));
            }
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

    /** Runs and ignores failure (cleanup). */
    static void quiet(String... argv) {
        try {
            new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // cleanup of something that may not exist
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What net-destroy must give back: the links (names, flags, addresses) and the whole nft ruleset. */
    static String snapshot() {
        List<String> links = new ArrayList<>();
        for (String l : run("ip", "-o", "address", "show").split("\n")) {
            // duplicate address detection passes with time: its state is not what a start or destroy changed
            links.add(l.replaceAll("valid_lft.*", "").replace(" tentative", "").strip());
        }
        for (String l : run("ip", "-o", "link", "show").split("\n")) {
            links.add(l.replaceAll("\\\\.*", "").strip());
        }
        return String.join("\n", links) + "\n--\n" + run("nft", "-s", "list", "ruleset");
    }

    /** Waits until links just set up have their IPv6 link-local address (the kernel adds it a moment later). */
    static void settle(String... devs) {
        for (String dev : devs) {
            for (int i = 0; i < 100 && !run("ip", "-6", "-o", "address", "show", "dev", dev).contains("fe80"); i++) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static boolean linkExists(String dev) {
        return Files.exists(Path.of("/sys/class/net", dev));
    }

    static Path tempRoot(String what) {
        try {
            // dnsmasq reads its hosts files after dropping root: the tree must be readable as it is under /var/lib
            return Files.createTempDirectory("jvnet-" + what,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void deleteTree(Path root) {
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }
}
