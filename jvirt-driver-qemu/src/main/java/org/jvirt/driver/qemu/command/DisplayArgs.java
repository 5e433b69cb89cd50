package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.GraphicsXml;
import org.jvirt.xml.domain.VideoXml;
import org.w3c.dom.Element;

/**
 * {@code <graphics>} and {@code <video>} as QEMU arguments (libvirt's qemuBuildGraphicsVNCCommandLine and
 * qemuBuildVideoCommandLine). Only VNC is served. What the start chose — the port of {@code autoport='yes'},
 * the default listen address, the implicit VGA card — is written into the definition, which is the live XML,
 * as libvirt shows it: {@code <graphics type='vnc' port='5900' autoport='yes' listen='127.0.0.1'>}.
 */
final class DisplayArgs {

    /** qemu.conf's vnc_listen default. */
    static final String DEFAULT_LISTEN = "127.0.0.1";
    /** VNC display N is TCP port 5900 + N. */
    static final int DISPLAY_BASE = 5900;

    private DisplayArgs() {
    }

    /** Adds {@code -vnc}; returns the TCP port it listens on, or -1 (no graphics, a unix socket, none). */
    static int graphics(BuildContext ctx) {
        List<GraphicsXml> gs = ctx.def.devices().graphics();
        if (gs.size() > 1) {
            throw BuildContext.unsupported("only one graphics device is supported");
        }
        if (gs.isEmpty()) {
            return -1;
        }
        GraphicsXml g = gs.get(0);
        if (!"vnc".equals(g.type())) {
            throw BuildContext.unsupported("graphics type '%s' is not supported yet", g.type());
        }
        List<GraphicsXml.Listen> listens = g.listens();
        String listenType = listens.isEmpty() || listens.get(0).type() == null ? "address" : listens.get(0).type();
        switch (listenType) {
            case "socket" -> {
                String s = listens.get(0).socket();
                String path = s != null ? s : ctx.layout.runDir().resolve("vnc.sock").toString();
                ctx.arg("-vnc", password(g, QemuOpts.of("unix:" + path)).toString());
                return -1;
            }
            case "none" -> {
                ctx.arg("-vnc", password(g, QemuOpts.of("none")).toString());
                return -1;
            }
            case "address" -> {
                // below
            }
            default -> throw BuildContext.unsupported("graphics listen type '%s' is not supported yet", listenType);
        }
        int port;
        boolean auto = Boolean.TRUE.equals(g.autoport()) || g.port() == null || g.port() == -1;
        if (auto) {
            port = ctx.options.vncPorts().allocate();
        } else {
            port = g.port();
            if (port < DISPLAY_BASE || port > 65535) {
                throw BuildContext.unsupported("vnc port must be in range [5900,65535]");
            }
        }
        String listen = g.listen() == null ? DEFAULT_LISTEN : g.listen();
        String host = listen.contains(":") ? "[" + listen + "]" : listen;
        ctx.arg("-vnc", password(g, QemuOpts.of(host + ":" + (port - DISPLAY_BASE))).toString());
        // rewritten in libvirt's attribute order: port, autoport, listen
        g.port(null).autoport(null).listen(null);
        g.port(port).autoport(auto).listen(listen);
        return port;
    }

    private static QemuOpts password(GraphicsXml g, QemuOpts o) {
        if (g.passwd() != null) {
            o.add("password", true); // the secret itself goes over QMP (set_password), never on the command line
        }
        return o;
    }

    /** The video cards; a guest with graphics and no {@code <video>} gets libvirt's default, a VGA. */
    static void video(BuildContext ctx) {
        List<VideoXml> videos = ctx.def.devices().videos();
        boolean graphics = !ctx.def.devices().graphics().isEmpty();
        if (videos.isEmpty() && graphics) {
            ctx.requireDevice("VGA", "the default video device");
            VideoXml v = ctx.def.devices().addVideo("vga").vram(16384).heads(1);
            Element model = Dom.children(v.element(), "model").get(0);
            Dom.setAttribute(model, "primary", "yes");
            v.alias("video0");
            ctx.device(QemuOpts.of("VGA").add("id", "video0").add("bus", ctx.q35 ? "pcie.0" : null));
            return;
        }
        for (int i = 0; i < videos.size(); i++) {
            String model = videos.get(i).model() == null ? "vga" : videos.get(i).model();
            if (!model.equals("none")) {
                videos.get(i).alias("video" + i);
            }
            String dev = switch (model) {
                case "none" -> null;
                case "vga" -> "VGA";
                case "cirrus" -> "cirrus-vga";
                case "bochs" -> "bochs-display";
                case "virtio" -> i == 0 ? "virtio-vga" : "virtio-gpu-pci";
                default -> throw BuildContext.unsupported("video type '%s' is not supported yet", model);
            };
            if (dev != null) {
                ctx.requireDevice(dev, "video model '" + model + "'");
                ctx.device(QemuOpts.of(dev).add("id", "video" + i).add("bus", ctx.q35 ? "pcie.0" : null));
            }
        }
    }
}
