package org.jvirt.daemon.net;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.jvirt.transport.ChannelTransport;
import org.jvirt.transport.Transport;

/**
 * A unix socket (jvirt-sock or jvirt-sock-ro) with libvirt's octal permissions. A stale socket file left by a
 * crashed daemon is replaced; the file is removed on close.
 */
public final class UnixListener implements Listener {

    private final Path path;
    private final boolean readOnly;
    private final ServerSocketChannel server;

    public UnixListener(Path path, String perms, boolean readOnly, int backlog) throws IOException {
        this.path = path;
        this.readOnly = readOnly;
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), backlog);
        Files.setPosixFilePermissions(path, permissions(perms));
    }

    /** "0700" → rwx------. */
    static Set<PosixFilePermission> permissions(String octal) {
        int mode = Integer.parseInt(octal, 8);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    @Override
    public Transport accept() throws IOException {
        SocketChannel ch = server.accept();
        return new ChannelTransport(ch, true, "unix:" + path);
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    public Path path() {
        return path;
    }

    @Override
    public String describe() {
        return "unix:" + path + (readOnly ? " (read-only)" : "");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a socket file we cannot remove is replaced at the next start
        }
    }
}
