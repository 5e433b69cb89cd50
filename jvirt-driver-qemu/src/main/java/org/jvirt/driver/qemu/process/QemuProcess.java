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
 * One running qemu-system process with its QMP monitor: either one this JVM started ({@link #start}), whose end
 * is observed through {@link Process#onExit()}, or one an earlier owner started and this JVM took over
 * ({@link #adopt}). An adopted process is not our child, so no wait() reports its end: QEMU closing its monitor
 * is the signal, confirmed through /proc (the JDK would only poll, and sees a zombie as alive).
 */
public final class QemuProcess implements AutoCloseable {

    /** How often a powerdown is repeated: a press before the guest's ACPI handler is up is simply lost. */
    public static final Duration POWERDOWN_REPEAT = Duration.ofSeconds(3);

    private final QemuLaunch launch;
    /** null when adopted */
    private final Process process;
    private final ProcessHandle handle;
    private final long logStart;
    private final CompletableFuture<QemuExit> exit;
    private volatile QmpMonitor monitor;

    private QemuProcess(QemuLaunch launch, Process process, long logStart) {
        this.launch = launch;
        this.process = process;
        this.handle = process.toHandle();
        this.logStart = logStart;
        this.exit = process.onExit().thenApply(p -> exited(p.exitValue()));
    }

    private QemuProcess(QemuLaunch launch, ProcessHandle handle) {
        this.launch = launch;
        this.process = null;
        this.handle = handle;
        this.logStart = fileSize(launch.logFile());
        this.exit = new CompletableFuture<>();
        // a fallback only: for a process that is not our child the JDK polls, with growing sleeps
        handle.onExit().thenRun(() -> exit.complete(exited(-1)));
    }

    private QemuExit exited(int code) {
        QemuExit e = new QemuExit(code, Instant.now());
        if (launch.pidFile() != null) {
            try {
                Files.deleteIfExists(launch.pidFile());
            } catch (IOException ignored) {
                // a stale pidfile is harmless: its pid no longer matches our child
            }
        }
        return e;
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Takes over a qemu that is already running (started by an earlier owner of the domain) and connects its
     * monitor. The caller has checked that {@code pid} is that qemu. The exit code of an adopted process is
     * unknown: its {@link QemuExit} says -1.
     */
    public static QemuProcess adopt(QemuLaunch launch, long pid, Duration monitorTimeout) {
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> VirtException.of(ErrorDomain.QEMU,
                ErrorNumber.OPERATION_FAILED, "qemu process %d is gone", pid));
        QemuProcess qp = new QemuProcess(launch, h);
        QmpMonitor m = QmpMonitor.connect(launch.qmpSocket(), monitorTimeout);
        qp.monitor = m;
        m.onClose().thenRun(qp::watchAdoptedExit);
        return qp;
    }

    /** After an adopted qemu closed its monitor: it is exiting, so wait (briefly) until /proc agrees. */
    private void watchAdoptedExit() {
        if (detached) {
            return;
        }
        Thread.ofVirtual().name("qemu-exit-" + pid()).start(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ProcFs.isRunning(pid()) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!ProcFs.isRunning(pid())) {
                exit.complete(exited(-1));
            }
        });
    }

    private volatile boolean detached;

    /**
     * Lets go of the process without stopping it: the monitor closes, QEMU keeps running, and a later owner
     * may {@link #adopt} it. Its exit is no longer reported here.
     */
    public void detach() {
        detached = true;
        QmpMonitor m = monitor;
        if (m != null) {
            m.close();
        }
    }

    /** Whether this JVM started the process (else it was adopted). */
    public boolean isChild() {
        return process != null;
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
        return handle.pid();
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
        return process != null ? process.isAlive() : !exit.isDone() && ProcFs.isRunning(handle.pid());
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
        while (isAlive()) {
            try {
                monitor().execute("system_powerdown", null, Duration.ofSeconds(10));
            } catch (VirtException e) {
                if (!isAlive()) {
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
        return !isAlive();
    }

    /**
     * Stops the process, each step only if the one before did not end it: QMP {@code quit}, SIGTERM, SIGKILL.
     * Returns how it ended.
     */
    public QemuExit stop(Duration quitGrace, Duration termGrace) {
        if (isAlive() && monitor != null && monitor.isOpen()) {
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
        if (isAlive()) {
            handle.destroy();
            if (waitForExit(termGrace).isEmpty()) {
                handle.destroyForcibly();
                if (process == null) {
                    watchAdoptedExit(); // the monitor may have closed long ago
                }
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
