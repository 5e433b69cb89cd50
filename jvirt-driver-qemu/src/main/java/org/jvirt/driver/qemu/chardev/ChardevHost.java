package org.jvirt.driver.qemu.chardev;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.CharDeviceXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * What libvirt does on the host before QEMU opens a chardev (qemuProcessPrepareHostBackendChardev): it creates
 * output files itself, truncated unless {@code append='on'}, and binds listening unix sockets. Doing the same
 * checks here gives libvirt's error for a path in a missing directory before any QEMU runs.
 */
public final class ChardevHost {

    private ChardevHost() {
    }

    /** Prepares every chardev of a definition that the command builder has completed (aliases, socket paths). */
    public static void prepare(DomainXml live) {
        for (CharDeviceXml c : CharDevices.all(live)) {
            String type = c.type() == null ? "pty" : c.type();
            String path = c.sourceAttr(null, "path");
            if (type.equals("file") && path != null) {
                createFile(path, "on".equals(c.sourceAttr(null, "append")));
            }
            if (type.equals("unix") && path != null && "bind".equals(c.sourceAttr(null, "mode"))) {
                Path parent = Path.of(path).toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                            "Unable to bind to UNIX socket path '%s': No such file or directory", path);
                }
            }
            if (c.logFile() != null) {
                createFile(c.logFile(), "on".equals(c.logAppend()));
            }
        }
    }

    private static void createFile(String path, boolean append) {
        Set<StandardOpenOption> opts = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        try {
            FileChannel.open(Path.of(path), opts).close(); // created or truncated as libvirt does; QEMU reopens it
        } catch (NoSuchFileException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Failed to create file '%s': No such file or directory", path);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "Failed to create file '%s': %s",
                    path, e.getMessage());
        }
    }
}
