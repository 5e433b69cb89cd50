package org.jvirt.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.ConnectCloseReason;
import org.jvirt.VirtException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite over {@code +ssh} to a private real libvirtd 9.0: jvirt's client runs the system's ssh to a
 * private loopback sshd ({@link Sshd}), which runs libvirt's netcat command ({@code nc -U} on the daemon's socket,
 * chosen because the URI names the socket) — the whole path a {@code qemu+ssh://} connection takes.
 */
class LibvirtdSshTest extends RemoteConformanceSuite {

    private static Libvirtd daemon;
    private static Sshd sshd;

    @BeforeAll
    static void start() throws Exception {
        sshd = Sshd.start();
        daemon = Libvirtd.start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Override
    protected String uri() {
        return sshd.uri("test", "/default", "socket=" + daemon.socket);
    }

    /** libvirt counts ssh as secure though it says nothing about encryption (only TLS is "encrypted"). */
    @Test
    void sshConnectionIsSecureNotEncrypted() {
        try (Connect c = Connect.open(uri())) {
            assertTrue(c.isSecure());
            assertFalse(c.isEncrypted());
            assertEquals(List.of("test"), c.listAllDomains().stream().map(d -> d.getName()).toList());
        }
    }

    /** A socket nobody listens on: nc dies, and its last words on stderr are the error, as in libvirt. */
    @Test
    void missingSocketReportsWhatNetcatSaid() {
        VirtException e = assertThrows(VirtException.class, () -> Connect.open(sshd.uri("test", "/default",
                "socket=" + daemon.dir.resolve("no-such-sock"))));
        assertTrue(e.getMessage().startsWith("End of file while reading data: "), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    /**
     * The daemon dies under an ssh connection: nc ends, so does ssh, and the client sees end of file (close
     * callback EOF, then libvirt's system error), as over a plain socket.
     */
    @Test
    void daemonKilledUnderTheConnection() throws Exception {
        BlockingQueue<ConnectCloseReason> reasons = new LinkedBlockingQueue<>();
        try (Libvirtd d = Libvirtd.start();
             AutoCloseable l = RemoteDriver.addCloseListener((uri, reason) -> {
                 if (uri.text().contains(d.socket.toString())) {
                     reasons.add(reason);
                 }
             });
             Connect c = Connect.open(sshd.uri("test", "/default", "socket=" + d.socket))) {
            assertTrue(c.isAlive());
            d.kill();
            assertEquals(ConnectCloseReason.EOF, reasons.poll(10, TimeUnit.SECONDS));
            assertFalse(c.isAlive());
            VirtException e = assertThrows(VirtException.class, () -> c.domainLookupByName("test"));
            assertEquals(38, e.error().code(), e.getMessage());
        }
    }

    /** A key the server does not know: ssh gives up, and says so. */
    @Test
    void rejectedKeyReportsWhatSshSaid() throws Exception {
        try (Sshd other = Sshd.start()) {
            String uri = "test+ssh://" + sshd.user + "@127.0.0.1:" + sshd.port + "/default?keyfile=" + other.clientKey
                    + "&no_verify=1&no_tty=1&socket=" + daemon.socket;
            // a few times: ssh may exit before its last words are read, and they must not get lost
            for (int i = 0; i < 5; i++) {
                VirtException e = assertThrows(VirtException.class, () -> Connect.open(uri));
                assertTrue(e.getMessage().contains("Permission denied (publickey)"), e.getMessage());
            }
        }
    }
}
