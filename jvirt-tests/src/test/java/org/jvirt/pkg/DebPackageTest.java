package org.jvirt.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The package as a user meets it: scripts/build-deb.sh builds target/jvirt_*.deb from the jars this build
 * made; {@code apt-get install ./jvirt_*.deb} puts it into this host's real /usr and starts jvirtd (through the
 * init script: systemd is not PID 1 here); real virsh reaches the packaged jvirtd at the configured sockets;
 * {@code apt-get remove} stops it, leaving no process and no socket, and {@code purge} removes its
 * configuration. The host is left as it was found, also when an assertion fails.
 *
 * <p>It needs root, apt and dpkg-deb, and a host with no jvirt package installed already (it will not replace
 * one it did not install).
 */
class DebPackageTest {

    private static final Path REPO = Path.of(System.getProperty("jvirt.repo.root", "..")).toAbsolutePath()
            .normalize();
    private static final Path PID_FILE = Path.of("/run/jvirtd.pid");
    private static final Path SOCK = Path.of("/run/jvirt/jvirt-sock");
    private static final Path SOCK_RO = Path.of("/run/jvirt/jvirt-sock-ro");
    private static final Path JAVA = Path.of("/usr/lib/jvirt/runtime/bin/java");
    private static boolean installedByUs;

    record Result(int code, String out) {
    }

    private static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(REPO.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> apt(String... args) {
        List<String> cmd = new ArrayList<>(List.of("apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static boolean packageInstalled() throws IOException, InterruptedException {
        Result r = run(List.of("dpkg-query", "-W", "-f=${Status}", "jvirt"), 30);
        return r.code() == 0 && r.out().contains("install ok installed");
    }

    /** Processes running the packaged Java runtime: what must be gone once the package is removed. */
    private static List<ProcessHandle> packagedProcesses() {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.equals(JAVA.toString())).orElse(false))
                .toList();
    }

    @AfterAll
    static void leaveTheHostAsFound() throws Exception {
        if (!installedByUs) {
            return;
        }
        if (packageInstalled() || Files.exists(Path.of("/etc/jvirt/jvirtd.conf"))) {
            run(apt("purge", "jvirt"), 300);
        }
        for (ProcessHandle h : packagedProcesses()) {
            h.destroyForcibly();
        }
    }

    private static String virsh(String uri, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-c", uri));
        cmd.addAll(List.of(args));
        Result r = run(cmd, 60);
        assertEquals(0, r.code(), () -> cmd + ":\n" + r.out());
        return r.out();
    }

    @Test
    void installsServesAndUninstallsCleanly() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))
                && Files.isExecutable(Path.of("/usr/bin/virsh")), "needs dpkg-deb, apt-get and virsh");
        assumeTrue(!packageInstalled() && !Files.exists(Path.of("/usr/bin/jvirtd")),
                "a jvirt package is installed already: not replacing it");

        Result built = run(List.of("scripts/build-deb.sh", "--no-build", "--fast"), 600);
        assertEquals(0, built.code(), built::out);
        String deb = built.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(deb.matches("target/jvirt_[^_]+_amd64\\.deb"), deb);
        Result contents = run(List.of("dpkg-deb", "-c", deb), 60);
        for (String f : List.of("./usr/bin/jvirtd", "./usr/bin/jvirsh", "./etc/jvirt/jvirtd.conf",
                "./lib/systemd/system/jvirtd.service", "./lib/systemd/system/jvirtd-ro.socket",
                "./usr/share/man/man1/jvirsh.1.gz", "./usr/share/man/man8/jvirtd.8.gz",
                "./usr/share/bash-completion/completions/jvirsh", "./usr/lib/jvirt/runtime/bin/java")) {
            assertTrue(contents.out().contains(" " + f + "\n"), () -> f + " missing from " + deb);
        }
        assertTrue(Files.readString(REPO.resolve("target/deb/jvirt/DEBIAN/conffiles"))
                .contains("/etc/jvirt/jvirtd.conf"));

        installedByUs = true;
        Result inst = run(apt("install", "./" + deb), 600);
        assertEquals(0, inst.code(), inst::out);
        assertTrue(packageInstalled(), inst::out);

        // started by the postinst, ready (pid file written once every listener is up), on the packaged runtime
        long pid = Long.parseLong(Files.readString(PID_FILE).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("jvirtd not running"));
        assertEquals(Optional.of(JAVA.toString()), daemon.info().command());
        assertTrue(Files.exists(SOCK) && Files.exists(SOCK_RO), "sockets in /run/jvirt");

        // real virsh: the system QEMU connection the daemon holds, and the test driver, through the sockets
        String version = virsh("qemu+unix:///system?socket=" + SOCK, "version");
        assertTrue(version.contains("Running hypervisor: QEMU"), version);
        assertTrue(virsh("test+unix:///default?socket=" + SOCK_RO, "list", "--all").contains(" test "));
        Result refused = run(List.of("virsh", "-c", "test+unix:///default?socket=" + SOCK_RO, "destroy", "test"), 60);
        assertFalse(refused.code() == 0, "the read-only socket refuses a change");

        // the packaged tools: jvirsh on PATH, its completion command, the man pages
        Result names = run(List.of("/usr/bin/jvirsh", "-c", "test:///default", "complete", "--", "dominfo", ""), 60);
        assertEquals("test", names.out().strip(), names::out);
        assertTrue(Files.size(Path.of("/var/cache/jvirt/jvirsh.aot")) > 0, "the postinst recorded jvirsh's start-up cache");
        if (Files.isExecutable(Path.of("/usr/bin/man"))) {
            Result man = run(List.of("man", "-w", "jvirtd"), 30);
            assertEquals("/usr/share/man/man8/jvirtd.8.gz", man.out().strip(), man::out);
        }

        // remove: the prerm stops it with SIGTERM; no process of the package is left, nor its sockets
        Result rm = run(apt("remove", "jvirt"), 300);
        assertEquals(0, rm.code(), rm::out);
        assertTrue(!running(daemon), () -> "jvirtd still running after remove:\n"
                + rm.out() + "\n--- /var/log/jvirt/jvirtd.log\n" + tail(Path.of("/var/log/jvirt/jvirtd.log")));
        assertEquals(List.of(), packagedProcesses().stream().map(ProcessHandle::pid).toList());
        assertFalse(Files.exists(SOCK) || Files.exists(SOCK_RO) || Files.exists(PID_FILE), "left behind");
        assertTrue(Files.exists(Path.of("/etc/jvirt/jvirtd.conf")), "remove keeps the configuration");

        Result purge = run(apt("purge", "jvirt"), 300);
        assertEquals(0, purge.code(), purge::out);
        assertFalse(Files.exists(Path.of("/etc/jvirt/jvirtd.conf")), "purge removes the configuration");
        assertFalse(Files.exists(Path.of("/usr/bin/jvirtd")));
        assertFalse(Files.exists(Path.of("/var/cache/jvirt")), "purge removes the start-up cache");
        installedByUs = false;
    }

    /**
     * Whether the process still runs: one that exited but was not reaped yet (a zombie: PID 1 on some machines
     * reaps orphans late, and the daemon is an orphan of start-stop-daemon) has stopped.
     */
    private static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false; // gone meanwhile
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
