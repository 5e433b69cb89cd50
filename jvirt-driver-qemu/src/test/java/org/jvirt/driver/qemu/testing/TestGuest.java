package org.jvirt.driver.qemu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The tiny Linux test guest (Debian cloud kernel + busybox initramfs) built by src/test/sh/make-test-guest.sh.
 * Built once per kernel package and script version under a stable cache directory, so repeated runs only
 * check the cache; see docs/test-guest.md for what its /init prints. Every test boots it with
 * {@code no_timer_check} on the kernel command line: under TCG on a loaded 2-core machine the kernel's IO-APIC
 * timer check can miss its ticks and panic ("IO-APIC + timer doesn't work"), as it did in a full run.
 */
public final class TestGuest {

    /** Where builds are cached; {@code JVIRT_TEST_GUEST_CACHE} overrides. */
    public static final Path CACHE = Path.of(System.getenv().getOrDefault("JVIRT_TEST_GUEST_CACHE",
            "/var/tmp/jvirt-test-guest"));

    /**
     * @param kernel        the vmlinuz
     * @param initrd        the initramfs
     * @param kernelRelease e.g. 6.1.0-56-cloud-amd64
     */
    public record Artifacts(Path kernel, Path initrd, String kernelRelease) {
    }

    private static Artifacts built;

    private TestGuest() {
    }

    /** Builds the guest if needed and returns its files. */
    public static synchronized Artifacts ensure() throws IOException, InterruptedException {
        if (built != null) {
            return built;
        }
        Path script = Path.of(System.getProperty("jvirt.testguest.script", "src/test/sh/make-test-guest.sh"));
        Process p = new ProcessBuilder("bash", script.toAbsolutePath().toString(), "cached", CACHE.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("make-test-guest.sh failed (exit " + p.exitValue() + "): " + out);
        }
        Path dir = Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
        built = new Artifacts(dir.resolve("vmlinuz"), dir.resolve("initramfs.cpio.gz"),
                Files.readString(dir.resolve("kernel-release")).strip());
        return built;
    }
}
