package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Flags;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.DomainCoreDumpFlag;

/**
 * virDomainCoreDumpWithFormat (libvirt's qemuDomainCoreDumpWithFormat and doCoreDump): a memory-only dump through
 * QMP dump-guest-memory in any of its formats, or a whole-state dump as a raw migration stream; the guest paused
 * for the dump unless LIVE, then resumed, reset (RESET) or destroyed as crashed (CRASH). A dump that fails leaves
 * no file behind. The file is written by QEMU itself ({@code file:}), since a Java process cannot pass it a
 * descriptor; it is made 0600 as libvirt's would be.
 */
public final class CoreDumps {

    /** VIR_DOMAIN_PAUSED_DUMP. */
    static final int PAUSED_DUMP = 4;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriverContext ctx;
    private final RunEnd end;

    CoreDumps(DriverContext ctx, RunEnd end) {
        this.ctx = ctx;
        this.end = end;
    }

    public void dump(DomainObj dom, Path path, DomainCoreDumpFormat format, Set<DomainCoreDumpFlag> flags) {
        Flags.check(flags, Set.of(DomainCoreDumpFlag.LIVE, DomainCoreDumpFlag.CRASH, DomainCoreDumpFlag.BYPASS_CACHE,
                DomainCoreDumpFlag.RESET, DomainCoreDumpFlag.MEMORY_ONLY), ErrorDomain.QEMU,
                "qemuDomainCoreDumpWithFormat");
        dom.beginJob("dump");
        try {
            DomainRun run = dom.requireRun();
            QmpMonitor mon = run.process().monitor();
            boolean memoryOnly = flags.contains(DomainCoreDumpFlag.MEMORY_ONLY);
            if (!memoryOnly && format != DomainCoreDumpFormat.RAW) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "kdump-compressed format is only supported with memory-only dump");
            }
            if (flags.contains(DomainCoreDumpFlag.BYPASS_CACHE)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "bypass cache unsupported by this system");
            }
            String qemuFormat = memoryOnly ? qemuFormat(mon, format) : null;
            if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                        "Failed to create file '%s': No such file or directory", path);
            }
            boolean running = dom.state().state() == DomainState.RUNNING;
            boolean paused = false;
            if (!flags.contains(DomainCoreDumpFlag.LIVE) && running) {
                run.pausedReason(PAUSED_DUMP);
                run.ownCommand("stop");
                synchronized (dom) {
                    dom.state(DomainState.PAUSED, PAUSED_DUMP);
                }
                ctx.events().lifecycle(dom.ref(), DomainEventType.SUSPENDED, Reasons.SUSPENDED_PAUSED);
                paused = true;
            }
            boolean done = false;
            try {
                if (memoryOnly) {
                    memory(mon, path, qemuFormat);
                } else {
                    migrationStream(mon, run, path);
                    paused = running; // a migration leaves the guest stopped, live or not (libvirt: paused = true)
                }
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                done = true;
            } catch (IOException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "unable to close file %s: %s",
                        path, e.getMessage());
            } finally {
                if (!done) {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException ignored) {
                        // the dump's own error is reported
                    }
                }
                afterDump(dom, run, done, running, paused, flags);
            }
        } finally {
            dom.endJob();
        }
    }

    /** libvirt's endjob: CRASH destroys the guest; else RESET resets it and a guest paused here runs again. */
    private void afterDump(DomainObj dom, DomainRun run, boolean done, boolean wasRunning, boolean paused,
                           Set<DomainCoreDumpFlag> flags) {
        if (dom.run() != run) {
            return;
        }
        if (done && flags.contains(DomainCoreDumpFlag.CRASH)) {
            run.stopCause(DomainRun.StopCause.CRASHED);
            end.kill(run, RunEnd.TERM_GRACE, false);
            run.stopped().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
            return;
        }
        if (done && flags.contains(DomainCoreDumpFlag.RESET)) {
            run.process().monitor().execute("system_reset");
        }
        if (wasRunning && paused) {
            run.ownCommand("cont");
            synchronized (dom) {
                dom.state(DomainState.RUNNING, Reasons.RUNNING_UNPAUSED);
            }
            ctx.events().lifecycle(dom.ref(), DomainEventType.RESUMED, Reasons.RESUMED_UNPAUSED);
        }
        ctx.writeStatus(dom);
    }

    /** QEMU's name of the format (null for its default, elf), refused when this QEMU cannot write it. */
    private static String qemuFormat(QmpMonitor mon, DomainCoreDumpFormat format) {
        String name = format.virshName();
        JsonNode caps = mon.execute("query-dump-guest-memory-capability");
        boolean ok = false;
        for (JsonNode f : caps.path("formats")) {
            ok |= f.asText().equals(name);
        }
        if (!ok) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported dumpformat '%s' for this QEMU binary", name);
        }
        return name.equals("elf") ? null : name;
    }

    private static void memory(QmpMonitor mon, Path path, String format) {
        ObjectNode args = JSON.createObjectNode().put("paging", false).put("protocol", "file:" + path);
        if (format != null) {
            args.put("format", format);
        }
        try {
            mon.execute("dump-guest-memory", args, TIMEOUT);
        } catch (VirtException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "memory-only dump failed: %s",
                    e.getMessage());
        }
    }

    /** The whole state as a migration stream, as libvirt's qemuMigrationSrcToFile writes it (raw, no header). */
    private static void migrationStream(QmpMonitor mon, DomainRun run, Path path) throws IOException {
        Path sock = run.runDir().resolve("dump.sock");
        Files.deleteIfExists(sock);
        CompletableFuture<String> status = SaveRestore.migrationStatus(mon);
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            mon.execute("migrate", JSON.createObjectNode().put("uri", "unix:" + sock));
            try (SocketChannel in = server.accept()) {
                ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
                while (in.read(b) >= 0) {
                    b.flip();
                    while (b.hasRemaining()) {
                        file.write(b);
                    }
                    b.clear();
                }
            }
            String s = status.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!s.equals("completed")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' %s", "dump", s);
            }
        } catch (VirtException e) {
            throw e;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' failed: %s", "dump",
                    e.getMessage());
        } finally {
            Files.deleteIfExists(sock);
        }
    }
}
