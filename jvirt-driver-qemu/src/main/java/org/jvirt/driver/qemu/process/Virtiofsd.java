package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * The virtiofsd of one shared directory, as libvirt's qemu_virtiofs.c runs it: started before QEMU, serving the
 * vhost-user socket QEMU connects to, its output in its own log, known by a pid file, and ending when QEMU
 * closes the connection. libvirt hands it a listening socket fd; this driver, which cannot pass descriptors
 * to a child, lets it create the socket itself ({@code --socket-path}). Like QEMU it is a plain child that
 * outlives a driver restart.
 *
 * @param binary the virtiofsd binary
 */
public record Virtiofsd(Path binary) {

    /** How long virtiofsd may take to create its socket. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What to share and how: libvirt's {@code <binary>} settings, each null when not given.
     *
     * @param source      the host directory
     * @param cache       cache mode: auto, always, none
     * @param sandbox     namespace or chroot
     * @param xattr       on/off
     * @param flock       on/off
     * @param posixLock   on/off
     * @param threadPool  the thread pool size, or null
     */
    public record Share(Path source, String cache, String sandbox, Boolean xattr, Boolean flock, Boolean posixLock,
            Integer threadPool) {
    }

    /** A binary that can be run, or libvirt's error. */
    public static Virtiofsd of(Path binary) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "virtiofsd binary '%s' is not executable", binary);
        }
        return new Virtiofsd(binary);
    }

    /** Starts it on {@code socket}; returns its pid once the socket exists, else it is gone and says why. */
    public long start(Share share, Path socket, Path log, Path pidFile) {
        if (!Files.isDirectory(share.source())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "the virtiofs export directory '%s' does not exist", share.source());
        }
        StringBuilder o = new StringBuilder("source=").append(share.source().toString().replace(",", ",,"));
        if (share.cache() != null) {
            o.append(",cache=").append(share.cache());
        }
        if (share.sandbox() != null) {
            o.append(",sandbox=").append(share.sandbox());
        }
        flag(o, share.xattr(), "xattr");
        flag(o, share.flock(), "flock");
        flag(o, share.posixLock(), "posix_lock");
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--socket-path=" + socket, "-o",
                o.toString()));
        if (share.threadPool() != null) {
            argv.add("--thread-pool-size=" + share.threadPool());
        }
        Process p;
        try {
            Files.deleteIfExists(socket);
            Files.createDirectories(log.toAbsolutePath().getParent());
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true)
                    .start();
            Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(tmp, p.pid() + "\n");
            Files.move(tmp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot execute binary %s: %s",
                    binary, e.getMessage());
        }
        long deadline = System.nanoTime() + SOCKET_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                PidFiles.stop(pidFile, socket.toString());
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "virtiofsd died unexpectedly: %s", tail(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "interrupted");
            }
        }
        return p.pid();
    }

    /** Ends the virtiofsd serving {@code socket} (its arguments name it), if it still runs. */
    public static void stop(Path pidFile, Path socket) {
        PidFiles.stop(pidFile, socket.toString());
    }

    private static void flag(StringBuilder o, Boolean on, String name) {
        if (on != null) {
            o.append(on ? "," : ",no_").append(name);
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
