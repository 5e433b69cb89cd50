package org.jvirt.driver.qemu.command;

import java.nio.file.Path;

/**
 * Where one running domain's files live: its runtime directory holds the QMP socket, the pid file and the
 * character devices' sockets; the log directory its QEMU log.
 *
 * @param runDir per-domain runtime directory, e.g. {@code $XDG_RUNTIME_DIR/jvirt/qemu/domain-1-NAME}
 * @param logDir directory of {@code NAME.log}
 */
public record RuntimeLayout(Path runDir, Path logDir) {

    public Path monitorSocket() {
        return runDir.resolve("monitor.sock");
    }

    public Path pidFile() {
        return runDir.resolve("qemu.pid");
    }

    /** The unix socket of a character device that names none itself. */
    public Path charSocket(String alias) {
        return runDir.resolve(alias + ".sock");
    }

    /** The unix socket of a virtio channel that names none itself: its target name, as libvirt's channel dir. */
    public Path channelSocket(String targetName) {
        return runDir.resolve(targetName);
    }

    public Path logFile(String domainName) {
        return logDir.resolve(domainName + ".log");
    }
}
