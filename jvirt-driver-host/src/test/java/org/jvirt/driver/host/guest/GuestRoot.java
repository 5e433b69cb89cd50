package org.jvirt.driver.host.guest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.driver.host.HostRoot;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * A temporary host root with a {@code qemu:///session} connection URI whose driver state, run files and host
 * drivers all live under it; closing it destroys the guests still running and removes the root.
 */
final class GuestRoot implements AutoCloseable {

    private final HostRoot root;
    final Path dir;
    final String uri;

    private GuestRoot(HostRoot root) {
        this.root = root;
        this.dir = root.dir;
        this.uri = "qemu:///session?state_dir=" + dir.resolve("q/state") + "&run_dir=" + dir.resolve("q/run")
                + "&host_root=" + dir;
    }

    /** A new root; the test is skipped where QEMU cannot run. */
    static GuestRoot open() throws IOException {
        QemuTesting.assumeQemu();
        return new GuestRoot(new HostRoot());
    }

    /** A secret value no file or command line holds by chance. */
    static String randomSecret(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE), 36);
    }

    @Override
    public void close() throws IOException {
        try (Connect c = Connect.open(uri)) {
            for (Domain d : c.listAllDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
        } finally {
            root.close();
        }
    }
}
