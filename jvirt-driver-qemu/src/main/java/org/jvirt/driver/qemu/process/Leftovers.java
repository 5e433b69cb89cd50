package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Processes that a driver killed mid-start left behind: a QEMU (or a helper such as swtpm or virtiofsd) whose
 * command line names a per-domain runtime directory that no status file owns. Nothing can take such a process
 * back (no status file says which guest it is), and it would hold the guest's memory and disks forever, so it
 * is ended, as libvirt ends a guest that was not fully started when its daemon died.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /** The pids (not zombies, not this JVM) whose arguments name {@code dir} or a path inside it. */
    public static List<Long> referencing(Path dir) {
        String exact = dir.toAbsolutePath().normalize().toString();
        String inside = exact + "/";
        long self = ProcessHandle.current().pid();
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(n);
                if (pid == self || !ProcFs.isRunning(pid)) {
                    continue;
                }
                for (String arg : ProcFs.cmdline(pid)) {
                    if (arg.contains(inside) || arg.endsWith(exact)) {
                        out.add(pid);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** SIGKILLs every process that names {@code dir} and waits (up to {@code wait}) until they are gone. */
    public static List<Long> kill(Path dir, Duration wait) {
        List<Long> pids = referencing(dir);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (long pid : pids) {
            while (ProcFs.isRunning(pid) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return pids;
                }
            }
        }
        return pids;
    }
}
