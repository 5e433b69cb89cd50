package org.jvirt.daemon.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.jvirt.daemon.Daemon;
import org.jvirt.daemon.config.DaemonPaths;

/**
 * {@code jvirtd --ssh-helper [-r] [--socket PATH] [URI]}: what ssh runs on the remote host for a {@code +ssh}
 * URI. Copies bytes both ways between stdin/stdout and jvirtd's unix socket (the read-only one with -r) until
 * either side ends. The URI is accepted for virt-ssh-helper compatibility; the client sends it again in
 * CONNECT_OPEN, which is what selects the driver.
 */
public final class SshHelper {

    private SshHelper() {
    }

    public static int run(String[] args, PrintStream err) {
        boolean readOnly = false;
        Path socket = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-r", "--readonly" -> readOnly = true;
                case "--socket" -> socket = Path.of(args[++i]);
                default -> {
                    // the URI: nothing to do with it here
                }
            }
        }
        if (socket == null) {
            socket = DaemonPaths.defaultRuntimeDir().resolve(readOnly ? Daemon.SOCK_RO : Daemon.SOCK_RW);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return bridge(System.in, System.out, ch);
        } catch (IOException e) {
            err.println("jvirt-ssh-helper: cannot connect to " + socket + ": " + e.getMessage());
            return 1;
        }
    }

    static int bridge(InputStream in, OutputStream out, SocketChannel ch) {
        Thread up = Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[65536];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
                ch.shutdownOutput();
            } catch (IOException e) {
                // the other direction notices and ends
            }
        });
        ByteBuffer b = ByteBuffer.allocate(65536);
        try {
            while (ch.read(b) > 0) {
                out.write(b.array(), 0, b.position());
                out.flush();
                b.clear();
            }
        } catch (IOException e) {
            // peer went away
        }
        up.interrupt();
        return 0;
    }
}
