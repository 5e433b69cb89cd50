package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.DomainProcedures;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainLookupByNameArgs;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainSaveArgs;

/**
 * jvirtd as a process: the pid-file and runtime-directory locks stop a second instance before it touches the
 * first one's sockets; READY=1 reaches a NOTIFY_SOCKET (a python3 datagram receiver standing in for systemd)
 * only once both sockets exist; SIGTERM lets a call in progress finish and answer; SIGHUP reloads the log
 * settings; log_outputs (file, stderr) and log_filters work as libvirt's.
 */
class DaemonLifeTest {

    private Path dir;

    @BeforeEach
    void dir() throws IOException {
        dir = Files.createTempDirectory("jvirtd-life");
    }

    @AfterEach
    void clean() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void stillServing(Path socket) throws IOException {
        try (RawClient c = RawClient.open(socket, "test:///default")) {
            assertEquals("TEST", c.call(ConnectProcedures.CONNECT_GET_TYPE, null).type());
        }
    }

    @Test
    void secondInstanceRefusesAndLeavesTheFirstAlone() throws Exception {
        String conf = JvirtdProcess.baseConf(dir);
        try (JvirtdProcess first = JvirtdProcess.start(dir, "first", conf, Map.of()).awaitSocket()) {
            Path pidFile = dir.resolve("run").resolve(Main.PID_FILE);
            assertEquals(Long.toString(first.process.pid()), Files.readString(pidFile).trim());
            Object inode = Files.readAttributes(first.socket, java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey();
            // the same config: the pid file (in unix_sock_dir) is locked
            JvirtdProcess second = JvirtdProcess.start(dir, "second", conf, Map.of());
            assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.process.exitValue());
            assertTrue(second.stderr().contains("Failed to acquire pid file '" + pidFile
                    + "': another jvirtd (pid " + first.process.pid() + ") is already running with it"),
                    second.stderr());
            // another pid file, same sockets: the runtime directory's lock refuses it
            JvirtdProcess third = JvirtdProcess.start(dir, "third", conf, Map.of(), "-p",
                    dir.resolve("other.pid").toString());
            assertTrue(third.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, third.process.exitValue());
            assertTrue(third.stderr().contains("Failed to acquire runtime directory lock"), third.stderr());
            assertFalse(Files.exists(dir.resolve("other.pid")), "the refused daemon left its pid file");
            assertEquals(inode, Files.readAttributes(first.socket,
                    java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "socket file was replaced");
            stillServing(first.socket);
        }
        // after the first one stopped, its files are gone and a new daemon starts on the same config
        assertFalse(Files.exists(dir.resolve("run").resolve(Main.PID_FILE)));
        try (JvirtdProcess again = JvirtdProcess.start(dir, "again", conf, Map.of()).awaitSocket()) {
            stillServing(again.socket);
        }
    }

    @Test
    void readyIsNotifiedOnlyOnceEveryListenerIsUp() throws Exception {
        Path notify = dir.resolve("notify.sock");
        Path received = dir.resolve("notify.txt");
        Path rw = dir.resolve("run").resolve(Daemon.SOCK_RW);
        Path ro = dir.resolve("run").resolve(Daemon.SOCK_RO);
        // on READY=1 the receiver writes down whether both sockets existed at that moment
        String script = """
                import os, socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                s.settimeout(120)
                with open(sys.argv[2], "w") as out:
                    print("bound", file=out, flush=True)
                    while True:
                        msg = s.recv(4096).decode()
                        up = os.path.exists(sys.argv[3]) and os.path.exists(sys.argv[4])
                        print(msg.replace("\\n", " ") + (" sockets=" + str(up) if "READY=1" in msg else ""),
                              file=out, flush=True)
                        if "READY=1" in msg:
                            break
                """;
        Process receiver = new ProcessBuilder("/usr/bin/python3", "-c", script, notify.toString(),
                received.toString(), rw.toString(), ro.toString()).inheritIO().start();
        try {
            while (!Files.exists(received) || !Files.readString(received).contains("bound")) {
                assertTrue(receiver.isAlive());
                Thread.sleep(20);
            }
            try (JvirtdProcess d = JvirtdProcess.start(dir, "notified", JvirtdProcess.baseConf(dir),
                    Map.of("NOTIFY_SOCKET", notify.toString()))) {
                assertTrue(receiver.waitFor(90, TimeUnit.SECONDS), d::stderr);
                String got = Files.readString(received);
                assertTrue(got.contains("READY=1") && got.contains("MAINPID=" + d.process.pid())
                        && got.contains("sockets=True"), got);
                stillServing(d.socket);
            }
        } finally {
            receiver.destroyForcibly().waitFor();
        }
    }

    @Test
    void sigtermLetsTheCallInProgressAnswer() throws Exception {
        Path fifo = dir.resolve("save.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        try (JvirtdProcess d = JvirtdProcess.start(dir, "term", JvirtdProcess.baseConf(dir), Map.of())
                .awaitSocket()) {
            RawClient c = RawClient.open(d.socket, "test:///default");
            var dom = c.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, new RemoteDomainLookupByNameArgs("test")).dom();
            // the test driver's save blocks opening the FIFO until someone reads it: a call in progress
            CompletableFuture<Object> save = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.call(DomainProcedures.DOMAIN_SAVE, new RemoteDomainSaveArgs(dom, fifo.toString()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(1000);
            assertFalse(save.isDone());
            d.signal("TERM");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Files.exists(d.socket) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(Files.exists(d.socket), "listeners still open after SIGTERM");
            Thread.sleep(500);
            assertTrue(d.process.isAlive(), "exited with a call in progress");
            byte[] image = Files.readAllBytes(fifo); // unblocks the save
            assertTrue(new String(image, 0, 14, java.nio.charset.StandardCharsets.US_ASCII)
                    .equals("TestGuestMagic"));
            save.get(20, TimeUnit.SECONDS); // the reply arrived
            assertTrue(d.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, d.process.exitValue(), d.stderr());
            c.close();
        }
    }

    @Test
    void logOutputsFiltersAndSighupReload() throws Exception {
        Path first = dir.resolve("logs").resolve("first.log");
        Path second = dir.resolve("logs").resolve("second.log");
        String base = JvirtdProcess.baseConf(dir);
        // Daemon's info messages pass its filter, DriverHolds' info does not pass log_level 3
        String conf = base + """
                log_level = 3
                log_filters = "2:org.jvirt.daemon.Daemon"
                log_outputs = "1:file:%s 2:stderr"
                """.formatted(first);
        try (JvirtdProcess d = JvirtdProcess.start(dir, "logs", conf, Map.of()).awaitSocket()) {
            assertTrue(JvirtdProcess.awaitText(d.err, "listening on unix:" + dir.resolve("run")
                    .resolve(Daemon.SOCK_RO)), d::stderr);
            String log = Files.readString(first);
            assertTrue(log.matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000: "
                    + d.process.pid() + ": info : org\\.jvirt\\.daemon\\.Daemon: listening on unix:.*"), log);
            assertFalse(log.contains("driver state for"), log);
            assertTrue(d.stderr().contains("info : org.jvirt.daemon.Daemon: listening on unix:"), d.stderr());
            // SIGHUP: a new output file and level; a warning says the reload happened
            Files.writeString(d.conf, base + """
                    log_level = 2
                    log_outputs = "2:file:%s"
                    """.formatted(second));
            d.signal("HUP");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((!Files.exists(second) || !Files.readString(second).contains("configuration reloaded"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(second) && Files.readString(second).contains("configuration reloaded from "
                    + d.conf), "no reload");
            // a broken file is refused and the running settings stay
            Files.writeString(d.conf, base + "log_outputs = \"9:nowhere\"\n");
            d.signal("HUP");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(second).contains("reload of") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(second).contains("invalid log_outputs entry '9:nowhere'"),
                    Files.readString(second));
            stillServing(d.socket);
        }
    }
}
