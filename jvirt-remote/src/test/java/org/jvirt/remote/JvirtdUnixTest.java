package org.jvirt.remote;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same conformance suite against jvirtd, when the build tree has one ({@code bin/jvirtd} with its jars in
 * jvirtd/target); skipped otherwise. Disabled unless {@code -Djvirt.conformance.jvirtd=true}: jvirtd is another
 * engineer's work in progress, and this module must not fail because of it. The lead runs it with
 * {@code mvn -o -pl jvirt-remote test -Dtest=JvirtdUnixTest -Djvirt.conformance.jvirtd=true}.
 */
class JvirtdUnixTest extends RemoteConformanceSuite {

    private static Process daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Boolean.getBoolean("jvirt.conformance.jvirtd"), "set -Djvirt.conformance.jvirtd=true to run");
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Path launcher = root.resolve("bin/jvirtd");
        assumeTrue(Files.isExecutable(launcher) && Files.isDirectory(root.resolve("jvirtd/target/lib")),
                "jvirtd is not built");
        Path dir = Files.createTempDirectory("jvirt-jvd-");
        Path run = Files.createDirectories(dir.resolve("run"));
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, "listen_tls = 0\nlisten_tcp = 0\nauth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n"
                + "unix_sock_dir = \"" + run + "\"\n");
        daemon = new ProcessBuilder(launcher.toString(), "-f", conf.toString(), "-p", dir.resolve("pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        socket = run.resolve("jvirt-sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("jvirtd did not start: " + Files.readString(dir.resolve("out.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
            daemon.destroyForcibly();
        }
    }

    @Override
    protected String uri() {
        return "test+unix:///default?socket=" + socket;
    }
}
