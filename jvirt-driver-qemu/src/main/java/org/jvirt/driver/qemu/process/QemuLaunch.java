package org.jvirt.driver.qemu.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start.
 *
 * @param binary        the qemu-system-* executable
 * @param args          its arguments, one element per argv entry (no shell quoting anywhere)
 * @param env           extra environment variables (the child otherwise inherits a minimal environment)
 * @param workDir       the child's working directory
 * @param logFile       stdout and stderr of the child, appended
 * @param pidFile       written with the child's pid once it runs; removed when it exits
 * @param qmpSocket     the QMP unix socket the arguments make QEMU listen on
 * @param killOnJvmExit whether a JVM exit must take the child down too (tests, probes); a daemon leaves its
 *                      guests running so that it can find them again after a restart
 */
public record QemuLaunch(Path binary, List<String> args, Map<String, String> env, Path workDir, Path logFile,
        Path pidFile, Path qmpSocket, boolean killOnJvmExit) {

    public QemuLaunch {
        Objects.requireNonNull(binary, "binary");
        args = List.copyOf(args);
        env = Map.copyOf(env);
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(qmpSocket, "qmpSocket");
    }
}
