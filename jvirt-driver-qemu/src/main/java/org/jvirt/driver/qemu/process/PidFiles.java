package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Helper daemons (swtpm, virtiofsd) known by a pid file: read, and stopped only if the pid is still theirs. */
public final class PidFiles {

    private PidFiles() {
    }

    public static Optional<Long> read(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Ends the process of a pid file when its command line still names {@code marker} (a path only that
     * daemon's arguments hold, so a reused pid is never killed), then removes the file.
     */
    public static void stop(Path pidFile, String marker) {
        Optional<Long> pid = read(pidFile);
        if (pid.isPresent()) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid.get());
            if (h.isPresent() && ProcFs.cmdline(pid.get()).stream().anyMatch(a -> a.contains(marker))) {
                h.get().destroy();
                try {
                    h.get().onExit().get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.get().destroyForcibly();
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the run directory holding it is removed next
        }
    }
}
