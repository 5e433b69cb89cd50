package org.jvirt.driver.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loop device over a sparse file for one test (losetup), named after this helper so that other tests' devices
 * are never touched; detached (and anything mounted from it unmounted) on close, also after a failure.
 */
final class LoopDevice implements AutoCloseable {

    final Path file;
    final String device;

    LoopDevice(Path dir, long size, boolean partitions) throws Exception {
        file = dir.resolve("storage-loop-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".img");
        Files.createDirectories(dir);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        device = run(partitions ? List.of("losetup", "-f", "--show", "-P", file.toString())
                : List.of("losetup", "-f", "--show", file.toString())).strip();
    }

    static boolean available() {
        return Files.exists(Path.of("/dev/loop-control")) && Files.isExecutable(Path.of("/usr/sbin/losetup"));
    }

    static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(argv + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f[0].startsWith(device)) {
                    new ProcessBuilder("umount", f[1]).start().waitFor();
                }
            }
            new ProcessBuilder("losetup", "-d", device).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(file);
    }
}
