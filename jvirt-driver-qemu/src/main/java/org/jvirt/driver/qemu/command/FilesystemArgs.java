package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * {@code <filesystem type='mount'>} shares, as libvirt 9.0 builds them: {@code virtiofs} as a
 * {@code vhost-user-fs-pci} device on the socket of the guest's own virtiofsd (which the driver starts before
 * QEMU, and which needs the guest's RAM shared), and 9p ({@code path} driver, the default) as a local
 * {@code -fsdev} and {@code virtio-9p-pci}.
 */
public final class FilesystemArgs {

    private FilesystemArgs() {
    }

    public static List<DeviceXml> filesystems(DomainXml def) {
        return def.devices().all().stream().filter(d -> d.deviceKind().equals("filesystem")).toList();
    }

    /** The driver of a share: virtiofs, path (9p, the default) or handle. */
    public static String driver(DeviceXml fs) {
        Element d = Dom.child(fs.element(), "driver");
        String t = d == null ? null : Dom.attribute(d, "type");
        return t == null ? "path" : t;
    }

    /** The vhost-user socket of a virtiofs share, in the run's own directory. */
    public static Path virtiofsSocket(RuntimeLayout layout, String alias) {
        return layout.runDir().resolve(alias + "-fs.sock");
    }

    static void add(BuildContext ctx) {
        List<DeviceXml> shares = filesystems(ctx.def);
        for (int i = 0; i < shares.size(); i++) {
            DeviceXml fs = shares.get(i);
            Element e = fs.element();
            String type = Dom.attribute(e, "type") == null ? "mount" : Dom.attribute(e, "type");
            if (!type.equals("mount")) {
                throw BuildContext.unsupported("only supports mount filesystem type");
            }
            String id = "fs" + i;
            fs.alias(id);
            String source = attrOf(e, "source", "dir");
            String tag = attrOf(e, "target", "dir");
            if (source == null || tag == null) {
                throw BuildContext.unsupported("filesystem %s needs <source dir> and <target dir>", id);
            }
            String access = Dom.attribute(e, "accessmode") == null ? "passthrough" : Dom.attribute(e, "accessmode");
            boolean readonly = Dom.child(e, "readonly") != null;
            String driver = driver(fs);
            switch (driver) {
                case "virtiofs" -> {
                    if (readonly) {
                        throw BuildContext.unsupported("virtiofs does not yet support read-only mode");
                    }
                    if (!access.equals("passthrough")) {
                        throw BuildContext.unsupported("virtiofs only supports passthrough accessmode");
                    }
                    if (!MemoryBackingArgs.allShared(ctx.def)) {
                        throw BuildContext.unsupported("'virtiofs' requires shared memory");
                    }
                    ctx.requireDevice("vhost-user-fs-pci", "virtiofs");
                    Path socket = virtiofsSocket(ctx.layout, id);
                    QemuCommandBuilder.checkSocketPath(socket);
                    String chardev = "chr-vu-" + id;
                    ctx.arg("-chardev", QemuOpts.of("socket").add("id", chardev).add("path", socket.toString())
                            .toString());
                    ctx.device(QemuOpts.of("vhost-user-fs-pci").add("id", id).add("chardev", chardev)
                            .add("queue-size", attrOf(e, "driver", "queue")).add("tag", tag)
                            .add("bus", ctx.pcieBus()));
                }
                case "path" -> {
                    String model = switch (access) {
                        case "passthrough" -> "passthrough";
                        case "mapped" -> "mapped";
                        case "squash" -> "none";
                        default -> throw BuildContext.unsupported("unknown accessmode '%s'", access);
                    };
                    ctx.requireDevice("virtio-9p-pci", "a 9p filesystem");
                    QemuOpts fsdev = QemuOpts.of("local");
                    if ("immediate".equals(attrOf(e, "driver", "wrpolicy"))) {
                        fsdev.add("writeout", "immediate");
                    }
                    fsdev.add("security_model", model).add("id", "fsdev-" + id).add("path", source);
                    if (readonly) {
                        fsdev.add("readonly", true);
                    }
                    ctx.arg("-fsdev", fsdev.toString());
                    ctx.device(QemuOpts.of("virtio-9p-pci").add("id", id).add("fsdev", "fsdev-" + id)
                            .add("mount_tag", tag).add("bus", ctx.pcieBus()));
                }
                default -> throw BuildContext.unsupported("filesystem driver type '%s' is not supported by this "
                        + "driver", driver);
            }
        }
    }

    private static String attrOf(Element e, String child, String attr) {
        Element c = Dom.child(e, child);
        return c == null ? null : Dom.attribute(c, attr);
    }
}
