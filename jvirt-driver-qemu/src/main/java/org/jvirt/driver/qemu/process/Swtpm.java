package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * The software TPM of a guest, as libvirt's qemu_tpm.c runs it: {@code swtpm_setup} manufactures a new state
 * (EK, certificates, locked NVRAM), then {@code swtpm socket} serves it on a control socket QEMU connects to.
 * swtpm daemonizes itself (so it outlives a driver restart, as QEMU does) and ends with QEMU's connection
 * ({@code --terminate}); the driver stops it by its pid file as well.
 *
 * @param swtpm the swtpm binary
 * @param setup the swtpm_setup binary
 */
public record Swtpm(Path swtpm, Path setup) {

    /** System property with a search path (like $PATH) for the swtpm binaries; $PATH when unset. */
    public static final String SEARCH_PATH_PROPERTY = "jvirt.swtpm.path";
    /** How long swtpm may take to open its socket (libvirt waits 3 s). */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    /** The state encryption libvirt asks swtpm_setup and swtpm for. */
    private static final String CIPHER = "aes-256-cbc";

    /** Finds both binaries, or fails as libvirt's virTPMEmulatorInit does. */
    public static Swtpm find() {
        String search = System.getProperty(SEARCH_PATH_PROPERTY, System.getenv().getOrDefault("PATH",
                "/usr/bin:/bin:/usr/sbin:/sbin"));
        return new Swtpm(which("swtpm", search), which("swtpm_setup", search));
    }

    private static Path which(String name, String search) {
        for (String dir : search.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                "Unable to find '%s' binary in $PATH: No such file or directory", name);
    }

    /**
     * {@code swtpm_setup} for a new state directory (libvirt's qemuTPMEmulatorRunSetup); with
     * {@code passphrase} (a file holding it, or null) the state is encrypted as libvirt asks for it.
     */
    public void manufacture(Path state, String vmid, Path log, boolean tpm2, Path passphrase) {
        List<String> cmd = new ArrayList<>(List.of(setup.toString()));
        if (tpm2) {
            cmd.add("--tpm2");
        }
        cmd.addAll(List.of("--tpm-state", state.toString(), "--vmid", vmid, "--logfile", log.toString(),
                "--createek", "--create-ek-cert", "--create-platform-cert", "--lock-nvram", "--not-overwrite"));
        if (passphrase != null) {
            cmd.addAll(List.of("--pwdfile", passphrase.toString(), "--cipher", CIPHER));
        }
        int rc = run(cmd, Duration.ofSeconds(60)).exit();
        if (rc != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "Could not run '%s'. exitstatus: %d; Check error log '%s' for details.", setup, rc, log);
        }
    }

    /**
     * Starts {@code swtpm socket} on {@code socket}; returns its pid once the socket exists. With
     * {@code passphrase} (a file holding it, or null) the state and the migration stream are encrypted with a
     * key derived from it, as libvirt's qemuTPMEmulatorBuildCommand asks; swtpm has read the file when this
     * returns.
     */
    public long start(Path state, Path socket, Path log, Path pidFile, boolean tpm2, Path passphrase) {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot remove '%s': %s", socket,
                    e.getMessage());
        }
        List<String> cmd = new ArrayList<>(List.of(swtpm.toString(), "socket", "--ctrl",
                "type=unixio,path=" + socket + ",mode=0600", "--tpmstate", "dir=" + state + ",mode=0600",
                "--log", "file=" + log, "--terminate"));
        if (tpm2) {
            cmd.add("--tpm2");
        }
        if (passphrase != null) {
            String key = "pwdfile=" + passphrase + ",mode=" + CIPHER;
            cmd.addAll(List.of("--key", key, "--migration-key", key));
        }
        cmd.addAll(List.of("--daemon", "--pid", "file=" + pidFile));
        Result r = run(cmd, Duration.ofSeconds(10));
        if (r.exit() != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "swtpm died and reported: %s",
                    r.output().strip());
        }
        long pid = PidFiles.read(pidFile).orElseThrow(() -> VirtException.of(ErrorDomain.QEMU,
                ErrorNumber.INTERNAL_ERROR, "swtpm didn't show up"));
        long deadline = System.nanoTime() + SOCKET_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                sleep();
                continue;
            }
            stop(pidFile);
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT, "swtpm socket did not show up");
        }
        return pid;
    }

    /** Ends the swtpm serving this pid file (its arguments name the file), if it still runs. */
    public static void stop(Path pidFile) {
        PidFiles.stop(pidFile, pidFile.toString());
    }

    private record Result(int exit, String output) {
    }

    /** Runs a helper to its end (argument list, no shell), its output kept for the error message. */
    private static Result run(List<String> cmd, Duration timeout) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            Children.killOnExit(p);
            // a daemonizing swtpm's child keeps no pipe of ours: its parent's output ends with the parent
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT, "'%s' did not finish",
                        cmd.get(0));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot run '%s': %s", cmd.get(0),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "interrupted running '%s'",
                    cmd.get(0));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
