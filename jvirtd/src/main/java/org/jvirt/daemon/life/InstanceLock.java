package org.jvirt.daemon.life;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file (fcntl, via {@link FileChannel#tryLock}) held for the daemon's life, as libvirtd
 * holds its pid file (virPidFileAcquirePath): a second daemon that finds it locked refuses to start before it
 * touches anything. The file holds the owner's pid; a file left by a crashed daemon is not locked, so it is
 * simply taken over. The kernel drops the lock when the process dies, even on kill -9.
 */
public final class InstanceLock implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean deleteOnClose;

    private InstanceLock(Path path, FileChannel channel, FileLock lock, boolean deleteOnClose) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Takes the lock and writes our pid into the file.
     *
     * @param what for the message: "pid file", "runtime directory"
     * @throws IOException with a message naming the file and the pid that holds it
     */
    public static InstanceLock acquire(Path path, String what, boolean deleteOnClose) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by this very JVM (two daemons in one test process)
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            String holder = holder(ch);
            ch.close();
            throw new IOException("Failed to acquire " + what + " '" + path + "': another jvirtd"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + " is already running with it");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
        } catch (IOException e) {
            l.release();
            ch.close();
            throw e;
        }
        return new InstanceLock(path, ch, l, deleteOnClose);
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = ch.read(b, 0);
            return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    public Path path() {
        return path;
    }

    /** Removes the file (while still holding the lock, so no successor loses it) and releases the lock. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            if (deleteOnClose) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a stale file is harmless: it is not locked
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the kernel drops the lock with the descriptor anyway
        }
    }
}
