package org.jvirt.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Start-up checks for a daemon a test runs in a child process. */
final class DaemonSockets {

    private DaemonSockets() {
    }

    /**
     * Whether the daemon listens on {@code socket}: the file appears at bind, a moment before listen, and a client
     * connecting in between is refused, so the file's existence alone is not enough on a loaded machine.
     */
    static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
