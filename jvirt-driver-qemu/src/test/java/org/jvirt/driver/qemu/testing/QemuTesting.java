package org.jvirt.driver.qemu.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jvirt.driver.qemu.process.QemuLaunch;
import org.jvirt.driver.qemu.process.QemuProcess;

/** Shared helpers for tests that run the real qemu-system-x86_64. */
public final class QemuTesting {

    public static final Path QEMU = Path.of(System.getenv().getOrDefault("JVIRT_TEST_QEMU",
            "/usr/bin/qemu-system-x86_64"));

    private QemuTesting() {
    }

    /** Skips the test when QEMU is not installed (CI installs it). */
    public static void assumeQemu() {
        assumeTrue(Files.isExecutable(QEMU), QEMU + " is not installed");
    }

    /** A fresh short directory: unix socket paths must stay under 108 bytes. */
    public static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), prefix);
    }

    /** A unique marker to put into a qemu command line, to find its process with pgrep. */
    public static String marker() {
        return "jvirt-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts {@code -machine none} (milliseconds, no guest RAM) with QMP on a socket in {@code dir}. */
    public static QemuProcess startMachineNone(Path dir, String marker, String... extra) {
        Path qmp = dir.resolve("qmp.sock");
        List<String> args = new ArrayList<>(List.of("-name", "guest=" + marker, "-machine", "none", "-accel", "tcg",
                "-nodefaults", "-no-user-config", "-display", "none",
                "-chardev", "socket,id=charmonitor,path=" + qmp.toString().replace(",", ",,") + ",server=on,wait=off",
                "-mon", "chardev=charmonitor,id=monitor,mode=control"));
        args.addAll(List.of(extra));
        return QemuProcess.start(new QemuLaunch(QEMU, args, java.util.Map.of(), dir, dir.resolve("qemu.log"),
                dir.resolve("qemu.pid"), qmp, true), Duration.ofSeconds(20));
    }

    /** The pids of processes whose command line contains {@code pattern} (pgrep -f). */
    public static List<Long> pgrep(String pattern) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pgrep", "-f", pattern).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        List<Long> pids = new ArrayList<>();
        for (String line : out.split("\\s+")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        pids.remove(ProcessHandle.current().pid());
        return pids;
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
