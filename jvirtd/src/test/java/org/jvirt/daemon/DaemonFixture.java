package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jvirt.Connect;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonConfig;

/**
 * An in-process jvirtd on a temp socket dir and free loopback ports, for one test class. It also holds a
 * connection to test:///default: the test driver keeps its default state only while someone uses it (as
 * libvirt's does), so state made by one client survives for the next one.
 */
final class DaemonFixture implements AutoCloseable {

    final Path dir;
    final Daemon daemon;
    private final Connect keeper;

    DaemonFixture(String extraConf) throws Exception {
        dir = Files.createTempDirectory("jvirtd-test");
        String conf = """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0777"
                listen_tcp = 1
                listen_tls = 0
                listen_addr = "127.0.0.1"
                tcp_port = "0"
                auth_tcp = "none"
                keepalive_interval = 5
                """.formatted(dir.resolve("run")) + extraConf;
        DaemonConfig config = DaemonConfig.from(ConfFile.parse(conf, "test.conf"));
        keeper = Connect.open("test:///default");
        daemon = new Daemon(config, true, 0);
        daemon.start();
    }

    DaemonFixture() throws Exception {
        this("");
    }

    String unixUri() {
        return "test+unix:///default?socket=" + daemon.socketPath();
    }

    String roUri() {
        return "test+unix:///default?socket=" + daemon.readOnlySocketPath();
    }

    String tcpUri() {
        return "test+tcp://127.0.0.1:" + daemon.tcpPort() + "/default";
    }

    @Override
    public void close() throws IOException {
        daemon.stop();
        keeper.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
