package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.monitor.QmpMonitor;

/**
 * One running qemu-system process that this JVM started, with its QMP monitor. Its end is observed through
 * {@link Process#onExit()}; nothing polls it.
 */
public final class QemuProcess implements AutoCloseable {

    /** How often a powerdown is repeated: a press before the guest's ACPI handler is up is simply lost. */
    public static final Duration POWERDOWN_REPEAT = Duration.ofSeconds(3);

    private final QemuLaunch launch;
    private final Process process;
    private final long logStart;
    private final CompletableFuture<QemuExit> exit;
    private volatile QmpMonitor monitor;

    private QemuProcess(QemuLaunch launch, Process process, long logStart) {
        this.launch = launch;
        this.process = process;
        this.logStart = logStart;
        this.exit = process.onExit().thenApply(p -> {
            QemuExit e = new QemuExit(p.exitValue(), Instant.now());
            if (launch.pidFile() != null) {
                try {
                    Files.deleteIfExists(launch.pidFile());
                } catch (IOException ignored) {
                    // a stale pidfile is harmless: its pid no longer matches our child
                }
            }
            return e;
        });
    }

    /**
     * Starts qemu and connects its monitor. On failure the process is gone and the error carries the end of
     * QEMU's log, as libvirt's "process exited while connecting to monitor" does.
     */
    public static QemuProcess start(QemuLaunch launch, Duration monitorTimeout) {
        long logStart;
        Process p;
        try {
            Files.createDirectories(launch.logFile().toAbsolutePath().getParent());
            Files.deleteIfExists(launch.qmpSocket());
            logStart = writeLogHeader(launch);
            List<String> argv = new ArrayList<>(launch.args().size() + 1);
            argv.add(launch.binary().toString());
            argv.addAll(launch.args());
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                    .redirectErrorStream(true);
            if (launch.workDir() != null) {
                pb.directory(launch.workDir().toFile());
            }
            pb.environment().put("LC_ALL", "C");
            pb.environment().putAll(launch.env());
            p = pb.start();
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "cannot execute binary %s: %s", launch.binary(), e.getMessage());
        }
        if (launch.killOnJvmExit()) {
            Children.killOnExit(p);
        }
        QemuProcess qp = new QemuProcess(launch, p, logStart);
        try {
            qp.writePidFile();
            qp.monitor = qp.connectMonitor(monitorTimeout);
            return qp;
        } catch (RuntimeException e) {
            p.destroyForcibly();
            qp.waitForExit(Duration.ofSeconds(10));
            throw e;
        }
    }

    private static long writeLogHeader(QemuLaunch launch) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(Instant.now()).append(": starting up\n");
        launch.env().forEach((k, v) -> sb.append(k).append('=').append(v).append(" \\\n"));
        sb.append(launch.binary());
        for (String a : launch.args()) {
            sb.append(" \\\n").append(ShellQuote.quote(a));
        }
        sb.append('\n');
        Files.writeString(launch.logFile(), sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return Files.size(launch.logFile());
    }

    private void writePidFile() {
        if (launch.pidFile() == null) {
            return;
        }
        try {
            Path tmp = launch.pidFile().resolveSibling(launch.pidFile().getFileName() + ".tmp");
            Files.writeString(tmp, process.pid() + "\n");
            Files.move(tmp, launch.pidFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "failed to write pid file %s: %s", launch.pidFile(), e.getMessage());
        }
    }

    /**
     * QEMU creates its listening socket early in start-up; until then connect() fails. Retry with a short
     * back-off, and stop at once if the process has already died.
     */
    private QmpMonitor connectMonitor(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleepMs = 5;
        VirtException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw exitedWhileConnecting();
            }
            if (Files.exists(launch.qmpSocket())) {
                try {
                    return QmpMonitor.connect(launch.qmpSocket(),
                            Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000)));
                } catch (VirtException e) {
                    last = e;
                    if (!process.isAlive()) {
                        throw exitedWhileConnecting();
                    }
                }
            }
            try {
                // wake early if the process exits meanwhile
                exit.get(sleepMs, TimeUnit.MILLISECONDS);
                throw exitedWhileConnecting();
            } catch (TimeoutException e) {
                sleepMs = Math.min(sleepMs * 2, 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "interrupted starting qemu");
            } catch (ExecutionException e) {
                throw exitedWhileConnecting();
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT,
                "qemu did not open its monitor socket %s within %d ms%s", launch.qmpSocket(), timeout.toMillis(),
                last == null ? "" : " (" + last.getMessage() + ")");
    }

    private VirtException exitedWhileConnecting() {
        waitForExit(Duration.ofSeconds(5));
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                "process exited while connecting to monitor: %s", logTail(4096).strip());
    }

    /** What QEMU wrote to its log since this start, at most {@code max} bytes from the end. */
    public String logTail(int max) {
        try (RandomAccessFile f = new RandomAccessFile(launch.logFile().toFile(), "r")) {
            long end = f.length();
            long from = Math.max(logStart, end - max);
            byte[] b = new byte[(int) Math.max(0, end - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + launch.logFile() + ": " + e.getMessage() + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    public QemuLaunch launch() {
        return launch;
    }

    public QmpMonitor monitor() {
        QmpMonitor m = monitor;
        if (m == null || !m.isOpen()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "QEMU monitor of process %d is not available", pid());
        }
        return m;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has exited (its pidfile already removed). */
    public CompletableFuture<QemuExit> onExit() {
        return exit;
    }

    /** Waits for the exit; empty when the process is still running after {@code timeout}. */
    public java.util.Optional<QemuExit> waitForExit(Duration timeout) {
        try {
            return java.util.Optional.of(exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Presses the ACPI power button and waits for the guest to power off, pressing again every
     * {@link #POWERDOWN_REPEAT} (a press the guest was not ready for is lost). True if qemu exited in time.
     */
    public boolean powerdown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            try {
                monitor().execute("system_powerdown", null, Duration.ofSeconds(10));
            } catch (VirtException e) {
                if (!process.isAlive()) {
                    break; // it went away between the check and the command
                }
                throw e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (waitForExit(Duration.ofNanos(Math.min(left, POWERDOWN_REPEAT.toNanos()))).isPresent()) {
                return true;
            }
        }
        return !process.isAlive();
    }

    /**
     * Stops the process, each step only if the one before did not end it: QMP {@code quit}, SIGTERM, SIGKILL.
     * Returns how it ended.
     */
    public QemuExit stop(Duration quitGrace, Duration termGrace) {
        if (process.isAlive() && monitor != null && monitor.isOpen()) {
            try {
                monitor.execute("quit", null, quitGrace);
            } catch (VirtException e) {
                // the monitor may close before quit's reply arrives: the exit below tells
            }
            waitForExit(quitGrace);
        }
        return terminate(termGrace);
    }

    /** SIGTERM, then SIGKILL after {@code termGrace}; libvirt's virDomainDestroy does the same. */
    public QemuExit terminate(Duration termGrace) {
        if (process.isAlive()) {
            process.destroy();
            if (waitForExit(termGrace).isEmpty()) {
                process.destroyForcibly();
            }
        }
        QemuExit e = waitForExit(Duration.ofSeconds(30)).orElseThrow(() -> VirtException.of(ErrorDomain.QEMU,
                ErrorNumber.OPERATION_FAILED, "failed to kill qemu process %d", pid()));
        QmpMonitor m = monitor;
        if (m != null) {
            m.close();
        }
        return e;
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        terminate(Duration.ofSeconds(5));
    }
}
