package org.jvirt.driver.qemu.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * The failure paths QEMU will not produce on demand, against a scripted QMP peer: a reply that never comes
 * (timeout), a peer that hangs up with a call pending.
 */
class QmpMonitorFakeServerTest {

    private Path dir;
    private ServerSocketChannel server;
    private volatile SocketChannel peer;
    private final CountDownLatch commandSeen = new CountDownLatch(1);

    @BeforeEach
    void listen() throws IOException {
        dir = QemuTesting.tempDir("jvirt-fakeqmp-");
        Path sock = dir.resolve("qmp.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        Thread.ofVirtual().start(() -> {
            try {
                peer = server.accept();
                send("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, \"major\": 9}}, \"capabilities\": []}}");
                String first = readLine();
                String id = first.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                send("{\"return\": {}, \"id\": \"" + id + "\"}");
                readLine(); // the command under test: never answered
                commandSeen.countDown();
            } catch (IOException e) {
                // the test closes the socket
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        if (peer != null) {
            peer.close();
        }
        QemuTesting.deleteTree(dir);
    }

    private void send(String line) throws IOException {
        peer.write(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer b = ByteBuffer.allocate(1);
        while (peer.read(b) > 0) {
            char c = (char) b.get(0);
            b.clear();
            if (c == '\n') {
                return sb.toString();
            }
            sb.append(c);
        }
        throw new IOException("eof");
    }

    @Test
    void unansweredCommandTimesOut() {
        try (QmpMonitor m = QmpMonitor.connect(dir.resolve("qmp.sock"), Duration.ofSeconds(5))) {
            VirtException e = assertThrows(VirtException.class,
                    () -> m.execute("query-status", null, Duration.ofMillis(300)));
            assertEquals(ErrorNumber.OPERATION_TIMEOUT, e.number());
            assertTrue(e.getMessage().contains("query-status"), e.getMessage());
        }
    }

    @Test
    void peerHangingUpFailsThePendingCall() throws Exception {
        try (QmpMonitor m = QmpMonitor.connect(dir.resolve("qmp.sock"), Duration.ofSeconds(5))) {
            CompletableFuture<?> call = m.executeAsync("query-status", null);
            assertTrue(commandSeen.await(5, TimeUnit.SECONDS));
            peer.close();
            var ex = assertThrows(java.util.concurrent.ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
            assertTrue(ex.getCause() instanceof VirtException, String.valueOf(ex.getCause()));
            assertTrue(ex.getCause().getMessage().contains("End of file from qemu monitor"), ex.getCause().getMessage());
        }
    }

    @Test
    void connectingToNothingIsAClearError() {
        VirtException e = assertThrows(VirtException.class,
                () -> QmpMonitor.connect(dir.resolve("absent.sock"), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("failed to connect to monitor socket"), e.getMessage());
        assertTrue(Files.exists(dir));
    }
}
