package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.GraphicsXml;
import org.w3c.dom.Element;

/**
 * {@code <graphics type='spice'>} as libvirt 9.0's qemuBuildGraphicsSPICECommandLine builds {@code -spice}, with
 * qemuProcessSPICEAllocatePorts' port choice: {@code autoport} takes a plaintext port (and a TLS one when TLS is
 * configured, or a channel asks for it); the listen address defaults to qemu.conf's {@code spice_listen}; a
 * password never reaches the command line (it goes over QMP, as VNC's); without one, ticketing is off. What
 * the start chose is written back into the live definition.
 */
final class SpiceArgs {

    /** qemu.conf's spice_listen default. */
    static final String DEFAULT_LISTEN = "127.0.0.1";
    /** The spice channel names libvirt knows, in its order (virDomainGraphicsSpiceChannelName). */
    private static final List<String> CHANNELS = List.of("main", "display", "inputs", "cursor", "playback",
            "record", "smartcard", "usbredir");

    private SpiceArgs() {
    }

    static void add(BuildContext ctx, GraphicsXml g) {
        ctx.requireDevice("qxl", "SPICE graphics"); // a QEMU built without SPICE has no qxl either
        Element e = g.element();
        List<GraphicsXml.Listen> listens = g.listens();
        String listenType;
        if (!listens.isEmpty() && listens.get(0).type() != null) {
            listenType = listens.get(0).type();
        } else if (g.listen() == null && g.port() == null && g.tlsPort() == null
                && Boolean.FALSE.equals(g.autoport())) {
            listenType = "none"; // libvirt's parser: no port, no autoport, no listen
        } else {
            listenType = "address";
        }
        String defaultMode = attrOr(e, "defaultMode", "any");
        boolean tls = ctx.options.spiceTlsDir() != null;
        QemuOpts o;
        boolean hasSecure = false;
        boolean hasInsecure = false;
        switch (listenType) {
            case "socket" -> {
                String s = listens.get(0).socket();
                String path = s != null ? s : ctx.layout.runDir().resolve("spice.sock").toString();
                QemuCommandBuilder.checkSocketPath(java.nio.file.Path.of(path));
                // libvirt writes the short form "unix", which QEMU 7.2 deprecates with a warning
                o = QemuOpts.empty().add("unix", true).add("addr", path);
                hasInsecure = true;
            }
            case "none" -> {
                o = QemuOpts.of("port=0"); // QEMU wants a port or a tls-port when nothing else is given
                hasInsecure = true;
            }
            case "address" -> {
                boolean auto = Boolean.TRUE.equals(g.autoport()) || Integer.valueOf(-1).equals(g.port())
                        || (g.autoport() == null && g.port() == null && g.tlsPort() == null);
                // libvirt's parser drops the ports of an autoport definition (-1 is its legacy spelling)
                int port = g.port() == null || auto ? 0 : g.port();
                int tlsPort = g.tlsPort() == null || auto ? 0 : g.tlsPort();
                if (tlsPort > 0 && !tls) {
                    throw BuildContext.unsupported(
                            "spice TLS port set in XML configuration, but TLS is disabled in qemu.conf");
                }
                if (auto) {
                    boolean needPort = false;
                    boolean needTls = false;
                    for (Element ch : Dom.children(e, "channel")) {
                        String mode = Dom.attribute(ch, "mode");
                        needTls |= "secure".equals(mode);
                        needPort |= "insecure".equals(mode);
                    }
                    switch (defaultMode) {
                        case "secure" -> needTls = true;
                        case "insecure" -> needPort = true;
                        default -> {
                            needTls |= tls;
                            needPort = true;
                        }
                    }
                    if (needPort || port == -1) {
                        port = ctx.options.vncPorts().allocate();
                    }
                    if (needTls || tlsPort == -1) {
                        if (!tls) {
                            throw BuildContext.unsupported("Auto allocation of spice TLS port requested but spice "
                                    + "TLS is disabled in qemu.conf");
                        }
                        tlsPort = ctx.options.vncPorts().allocate();
                    }
                }
                String listen = g.listen() == null ? DEFAULT_LISTEN : g.listen();
                o = QemuOpts.empty();
                if (port > 0) {
                    o.add("port", port);
                    hasInsecure = true;
                }
                if (tlsPort > 0) {
                    o.add("tls-port", tlsPort);
                    hasSecure = true;
                }
                if (port > 0 || tlsPort > 0) {
                    o.add("addr", listen);
                }
                // the live XML shows what was chosen, in libvirt's attribute order
                g.port(null).autoport(null).listen(null);
                e.removeAttribute("tlsPort");
                g.port(port > 0 ? port : null);
                if (tlsPort > 0) {
                    Dom.setAttribute(e, "tlsPort", String.valueOf(tlsPort));
                }
                g.autoport(auto).listen(listen);
            }
            default -> throw BuildContext.unsupported("graphics listen type '%s' is not supported yet",
                    listenType);
        }
        String mouse = childAttr(e, "mouse", "mode");
        if ("server".equals(mouse)) {
            o.add("agent-mouse", false);
        } else if ("client".equals(mouse)) {
            o.add("agent-mouse", true);
        }
        if (g.passwd() == null) {
            o.add("disable-ticketing", true);
        }
        if (hasSecure) {
            o.add("x509-dir", ctx.options.spiceTlsDir().toString());
        }
        switch (defaultMode) {
            case "secure" -> {
                if (!hasSecure) {
                    throw BuildContext.unsupported("spice defaultMode secure requested in XML configuration, "
                            + "but TLS connection is not available");
                }
                o.add("tls-channel", "default");
            }
            case "insecure" -> {
                if (!hasInsecure) {
                    throw BuildContext.unsupported("spice defaultMode insecure requested in XML configuration, "
                            + "but plaintext connection is not available");
                }
                o.add("plaintext-channel", "default");
            }
            case "any" -> { }
            default -> throw BuildContext.unsupported("unknown spice defaultMode '%s'", defaultMode);
        }
        for (String name : CHANNELS) {
            for (Element ch : Dom.children(e, "channel")) {
                if (!name.equals(Dom.attribute(ch, "name"))) {
                    continue;
                }
                String mode = attrOr(ch, "mode", "any");
                if (mode.equals("secure")) {
                    if (!hasSecure) {
                        throw BuildContext.unsupported("spice secure channels set in XML configuration, but TLS "
                                + "connection is not available");
                    }
                    o.add("tls-channel", name);
                } else if (mode.equals("insecure")) {
                    if (!hasInsecure) {
                        throw BuildContext.unsupported("spice insecure channels set in XML configuration, but "
                                + "plaintext connection is not available");
                    }
                    o.add("plaintext-channel", name);
                }
            }
        }
        o.add("image-compression", childAttr(e, "image", "compression"));
        o.add("jpeg-wan-compression", childAttr(e, "jpeg", "compression"));
        o.add("zlib-glz-wan-compression", childAttr(e, "zlib", "compression"));
        o.add("playback-compression", childAttr(e, "playback", "compression"));
        o.add("streaming-video", childAttr(e, "streaming", "mode"));
        if ("no".equals(childAttr(e, "clipboard", "copypaste"))) {
            o.add("disable-copy-paste", true);
        }
        if ("no".equals(childAttr(e, "filetransfer", "enable"))) {
            o.add("disable-agent-file-xfer", true);
        }
        if ("yes".equals(childAttr(e, "gl", "enable"))) {
            throw BuildContext.unsupported("spice OpenGL (gl enable='yes') is not supported by this driver");
        }
        o.add("seamless-migration", true);
        ctx.arg("-spice", o.toString());
        if (g.keymap() != null) {
            ctx.arg("-k", g.keymap());
        }
    }

    private static String childAttr(Element e, String child, String attr) {
        Element c = Dom.child(e, child);
        return c == null ? null : Dom.attribute(c, attr);
    }

    private static String attrOr(Element e, String attr, String dflt) {
        String v = Dom.attribute(e, attr);
        return v == null ? dflt : v;
    }
}
