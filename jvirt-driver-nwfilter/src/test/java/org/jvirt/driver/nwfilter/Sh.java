package org.jvirt.driver.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Host commands for the tests, inside the test JVM's own network namespace (src/test/netns/bin/java makes it;
 * the tests refuse to run outside it, so none can touch the host's networking).
 */
final class Sh {

    private Sh() {
    }

    static String netns() {
        String ns = System.getenv("JVIRT_TEST_NETNS");
        assertNotNull(ns, "these tests run only inside the namespace src/test/netns/bin/java makes");
        return ns;
    }

    static String run(String... argv) {
        return exec(true, argv);
    }

    /** Runs; returns the exit status and output as "rc\noutput". */
    static int status(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", argv));
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String exec(boolean mustSucceed, String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
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

    static void quiet(String... argv) {
        status(argv);
    }

    static Path tempRoot(String what) {
        try {
            // dnsmasq reads its hosts files after dropping root: the tree must be readable, as under /var/lib
            return Files.createTempDirectory("jvnwf-" + what, java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
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
