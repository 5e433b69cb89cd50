package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.CharDeviceXml;
import org.w3c.dom.Element;

/**
 * The host side of a character device: one {@code -chardev} backend, as libvirt's qemuBuildChardevStr spells it
 * for each {@code type=} (pty, file, unix, tcp, udp, null, pipe, dev, vc, spicevmc, spiceport, qemu-vdagent),
 * with {@code <log>} as QEMU's logfile. Serial ports, parallel ports, consoles and channels all use it; the
 * backend's id is always {@code char<alias>}.
 */
public final class ChardevArgs {

    private ChardevArgs() {
    }

    /** The backend id QEMU knows a device's chardev by (libvirt's qemuAliasChardevFromDevAlias). */
    public static String chardevId(String alias) {
        return "char" + alias;
    }

    /**
     * Adds the {@code -chardev} of {@code c}, whose alias is set. A unix socket without a path gets one in the
     * domain's runtime directory ({@code socketPath}), written into the (live) definition as libvirt does.
     */
    static void add(BuildContext ctx, CharDeviceXml c, Path socketPath) {
        ctx.arg("-chardev", backend(c, socketPath).toString());
    }

    static QemuOpts backend(CharDeviceXml c, Path socketPath) {
        String type = c.type() == null ? "pty" : c.type();
        String id = chardevId(c.alias());
        QemuOpts o = switch (type) {
            case "null", "vc", "pty" -> QemuOpts.of(type).add("id", id);
            case "dev" -> QemuOpts.of(c.deviceKind().equals("parallel") ? "parallel" : "serial").add("id", id)
                    .add("path", required(c, "path"));
            case "file" -> QemuOpts.of("file").add("id", id).add("path", required(c, "path"))
                    .add("append", onOff(c.sourceAttr(null, "append"), "append"));
            case "pipe" -> QemuOpts.of("pipe").add("id", id).add("path", required(c, "path"));
            case "udp" -> {
                String service = c.sourceAttr("connect", "service");
                if (service == null) {
                    throw BuildContext.unsupported("Missing source service attribute for char device");
                }
                yield QemuOpts.of("udp").add("id", id).add("host", orEmpty(c.sourceAttr("connect", "host")))
                        .add("port", service).add("localaddr", orEmpty(c.sourceAttr("bind", "host")))
                        .add("localport", c.sourceAttr("bind", "service") == null ? "0"
                                : c.sourceAttr("bind", "service"));
            }
            case "tcp" -> {
                String host = c.sourceAttr(null, "host");
                String service = c.sourceAttr(null, "service");
                if (host == null || service == null) {
                    throw BuildContext.unsupported("Missing source %s attribute for char device",
                            host == null ? "host" : "service");
                }
                if ("yes".equals(c.sourceAttr(null, "tls")) || "tls".equals(c.protocol())) {
                    throw BuildContext.unsupported("TLS for a tcp character device is not supported yet");
                }
                QemuOpts t = QemuOpts.of("socket").add("id", id).add("host", host).add("port", service);
                if ("telnet".equals(c.protocol())) {
                    t.add("telnet", true);
                }
                yield listen(t, "bind".equals(c.sourceAttr(null, "mode")), c);
            }
            case "unix" -> {
                String path = c.sourceAttr(null, "path");
                boolean bind = "bind".equals(c.sourceAttr(null, "mode"));
                if (path == null) {
                    // libvirt: a unix socket without a path is one the driver makes, so QEMU listens on it
                    path = socketPath.toString();
                    c.source("bind", path);
                    bind = true;
                }
                QemuCommandBuilder.checkSocketPath(Path.of(path));
                yield listen(QemuOpts.of("socket").add("id", id).add("path", path), bind, c);
            }
            case "spicevmc" -> QemuOpts.of("spicevmc").add("id", id).add("name", "vdagent");
            case "spiceport" -> {
                String channel = c.sourceAttr(null, "channel");
                if (channel == null) {
                    throw BuildContext.unsupported("Missing source channel attribute for char device");
                }
                yield QemuOpts.of("spiceport").add("id", id).add("name", channel);
            }
            case "qemu-vdagent" -> QemuOpts.of("qemu-vdagent").add("id", id).add("name", "vdagent");
            default -> throw BuildContext.unsupported("unsupported chardev '%s'", type);
        };
        String log = c.logFile();
        if (log != null) {
            o.add("logfile", log).add("logappend", onOff(c.logAppend(), "log append"));
        }
        return o;
    }

    /** A listening socket never waits for its client: the guest must not hang at start on a missing peer. */
    private static QemuOpts listen(QemuOpts o, boolean bind, CharDeviceXml c) {
        if (bind) {
            o.add("server", true).add("wait", false);
        }
        String reconnect = reconnect(c);
        if (reconnect != null) {
            if (bind) {
                throw BuildContext.unsupported("chardev reconnect is possible only for connect mode");
            }
            o.add("reconnect", reconnect);
        }
        return o;
    }

    /** {@code <source><reconnect enabled='yes' timeout='N'/>}: QEMU's reconnect=N, or 0 when disabled. */
    private static String reconnect(CharDeviceXml c) {
        Element src = Dom.child(c.element(), "source");
        Element r = src == null ? null : Dom.child(src, "reconnect");
        if (r == null) {
            return null;
        }
        String enabled = Dom.attribute(r, "enabled");
        if ("no".equals(enabled)) {
            return "0";
        }
        String timeout = Dom.attribute(r, "timeout");
        if (timeout == null || !timeout.matches("[0-9]+")) {
            throw BuildContext.unsupported("chardev reconnect timeout must be a positive number of seconds");
        }
        return timeout;
    }

    private static String onOff(String value, String what) {
        if (value == null) {
            return null;
        }
        if (!value.equals("on") && !value.equals("off")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                    "Invalid %s value '%s'", what, value);
        }
        return value;
    }

    private static String required(CharDeviceXml c, String attribute) {
        String v = c.sourceAttr(null, attribute);
        if (v == null) {
            throw BuildContext.unsupported("Missing source %s attribute for char device", attribute);
        }
        return v;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
