package org.jvirt.driver.host.guest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A server the secret tests start on a loopback port (tgtd, qemu-nbd): started, and waited for until it listens. */
final class LoopbackServer {

    private LoopbackServer() {
    }

    /** A TCP port free on loopback now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code argv} with its output in {@code log} and returns once 127.0.0.1:{@code port} accepts a
     * connection; fails with the log when it does not within 10 s (the process is stopped then).
     */
    static Process start(List<String> argv, Path log, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                if (System.nanoTime() > end || !p.isAlive()) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(argv.get(0) + " did not listen on 127.0.0.1:" + port + ": "
                            + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }
}
