package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.GraphicsXml;

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
        int vncPort = -1;
        java.util.Set<String> types = new java.util.HashSet<>();
        for (GraphicsXml g : ctx.def.devices().graphics()) {
            String type = g.type() == null ? "" : g.type();
            if (!types.add(type)) {
                throw BuildContext.unsupported(
                        "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus) is supported");
            }
            switch (type) {
                case "vnc" -> vncPort = vnc(ctx, g);
                case "spice" -> SpiceArgs.add(ctx, g);
                default -> throw BuildContext.unsupported("graphics type '%s' is not supported yet", type);
            }
        }
        return vncPort;
    }

    private static int vnc(BuildContext ctx, GraphicsXml g) {
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
        QemuOpts o = QemuOpts.of(host + ":" + (port - DISPLAY_BASE));
        Integer websocket = g.websocket();
        if (websocket != null && websocket == -1) {
            websocket = ctx.options.vncPorts().allocate(); // libvirt's websocket range starts lower; one pool here
            Dom.setAttribute(g.element(), "websocket", websocket.toString());
        }
        if (websocket != null && websocket > 0) {
            o.add("websocket", websocket);
        }
        ctx.arg("-vnc", password(g, o).toString());
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
}
