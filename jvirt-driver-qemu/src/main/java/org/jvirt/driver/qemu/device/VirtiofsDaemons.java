package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.command.FilesystemArgs;
import org.jvirt.driver.qemu.command.RuntimeLayout;
import org.jvirt.driver.qemu.process.PidFiles;
import org.jvirt.driver.qemu.process.Virtiofsd;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * The virtiofsd of each virtiofs share of a guest (libvirt's qemuVirtioFSStart/Stop): the binary is the
 * share's {@code <binary path>} or the one QEMU's vhost-user descriptors name for type {@code fs}
 * (/usr/share/qemu/vhost-user, then /etc/qemu/vhost-user), written into the live definition as libvirt does;
 * it runs as root only (libvirt refuses virtiofs in session mode); pid files in the run directory let the
 * driver stop them with the guest.
 */
public final class VirtiofsDaemons {

    private static final List<Path> DESCRIPTOR_DIRS = List.of(Path.of("/usr/share/qemu/vhost-user"),
            Path.of("/etc/qemu/vhost-user"));

    private VirtiofsDaemons() {
    }

    /** Starts a virtiofsd per virtiofs share before QEMU; a failure leaves none of them running. */
    public static void start(DomainXml live, RuntimeLayout layout, Path logDir) {
        try {
            for (DeviceXml fs : FilesystemArgs.filesystems(live)) {
                if (!FilesystemArgs.driver(fs).equals("virtiofs")) {
                    continue;
                }
                if (ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true)) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                            "virtiofs is not yet supported in session mode");
                }
                Element e = fs.element();
                Element binaryEl = Dom.child(e, "binary");
                String path = binaryEl == null ? null : Dom.attribute(binaryEl, "path");
                if (path == null) {
                    path = defaultBinary();
                    if (binaryEl == null) {
                        binaryEl = e.getOwnerDocument().createElement("binary");
                        e.insertBefore(binaryEl, Dom.child(e, "source"));
                    }
                    Dom.setAttribute(binaryEl, "path", path);
                }
                Virtiofsd daemon = Virtiofsd.of(Path.of(path));
                Element source = Dom.child(e, "source");
                Virtiofsd.Share share = new Virtiofsd.Share(Path.of(Dom.attribute(source, "dir")),
                        attr(binaryEl, "cache", "mode"), attr(binaryEl, "sandbox", "mode"),
                        onOff(Dom.attribute(binaryEl, "xattr")), onOff(attr(binaryEl, "lock", "flock")),
                        onOff(attr(binaryEl, "lock", "posix")), threadPool(binaryEl));
                String alias = fs.alias();
                daemon.start(share, FilesystemArgs.virtiofsSocket(layout, alias),
                        logDir.resolve(live.name() + "-" + alias + "-virtiofsd.log"),
                        layout.runDir().resolve(alias + "-fs.pid"));
            }
        } catch (RuntimeException e) {
            stop(layout.runDir());
            throw e;
        }
    }

    /** Stops every virtiofsd of a run (each {@code *-fs.pid} in its run directory). */
    public static void stop(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(runDir)) {
            s.filter(p -> p.getFileName().toString().endsWith("-fs.pid")).forEach(p -> {
                String alias = p.getFileName().toString().replaceFirst("-fs\\.pid$", "");
                PidFiles.stop(p, runDir.resolve(alias + "-fs.sock").toString());
            });
        } catch (IOException ignored) {
            // nothing listed, nothing to stop
        }
    }

    /** libvirt's qemuVhostUserFillDomainFS: the first {@code fs} descriptor, by file name, later dirs winning. */
    static String defaultBinary() {
        TreeMap<String, Path> byName = new TreeMap<>();
        for (Path dir : DESCRIPTOR_DIRS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".json")).forEach(p -> byName.put(p.getFileName().toString(), p));
            } catch (IOException ignored) {
                // an unreadable directory offers nothing
            }
        }
        for (Path p : byName.values()) {
            try {
                JsonNode n = QemuJson.mapper().readTree(p.toFile());
                if (n != null && "fs".equals(n.path("type").asText()) && n.hasNonNull("binary")) {
                    return n.path("binary").asText();
                }
            } catch (IOException ignored) {
                // a broken descriptor is skipped, as libvirt does
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                "Unable to find a satisfying virtiofsd");
    }

    private static String attr(Element binary, String child, String attr) {
        Element c = binary == null ? null : Dom.child(binary, child);
        return c == null ? null : Dom.attribute(c, attr);
    }

    private static Boolean onOff(String v) {
        return v == null ? null : v.equals("on");
    }

    private static Integer threadPool(Element binary) {
        String v = attr(binary, "thread_pool", "size");
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "invalid thread pool size '%s'", v);
        }
    }
}
