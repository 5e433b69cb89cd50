package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.transport.embed.EmbeddedServer;

/**
 * jvirtd builds and runs without jvirt-web (its tests have no jvirt-web on the class path): a config that asks
 * for the web server makes the start fail with the reason and leaves nothing listening; one that does not ask
 * never looks for it. jvirt-web's InDaemonTest covers the server actually running inside the daemon.
 */
class EmbeddedWebAbsentTest {

    @Test
    void webKeysWithoutJvirtWebFailTheStartCleanly() throws Exception {
        Path dir = Files.createTempDirectory("jvirtd-noweb");
        DaemonConfig config = DaemonConfig.from(ConfFile.parse("""
                unix_sock_dir = "%s"
                listen_tcp = 0
                listen_tls = 0
                web_listen = "127.0.0.1:0"
                """.formatted(dir.resolve("run")), "noweb.conf"));
        assertNotNull(config.webConfig());
        try (Daemon daemon = new Daemon(config, true, 0)) {
            IOException e = assertThrows(IOException.class, daemon::start);
            assertTrue(e.getMessage().contains("jvirt-web is not installed"), e.getMessage());
            assertFalse(Files.exists(daemon.socketPath()), "the listeners opened before are closed again");
        } finally {
            QemuTesting.deleteTree(dir);
        }
    }

    @Test
    void noWebKeysNoLookup() throws Exception {
        assertNull(DaemonConfig.from(ConfFile.parse("listen_tcp = 0\n", "plain.conf")).webConfig());
        assertTrue(EmbeddedServer.find("web").isEmpty(), "no provider on jvirtd's own class path");
    }
}
