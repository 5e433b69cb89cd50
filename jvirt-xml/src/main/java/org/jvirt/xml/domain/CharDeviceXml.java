package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * A character device: {@code <serial>}, {@code <console>}, {@code <channel>} or {@code <parallel>}, all with
 * a host-side {@code type=} (pty, file, unix, tcp, spicevmc, ...) and a guest-side {@code <target>}.
 */
public final class CharDeviceXml extends DeviceXml {
    private static final List<String> ORDER = List.of("source", "protocol", "log", "target", "alias", "address");

    public CharDeviceXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** The host side: "pty", "file", "unix", "tcp", "spicevmc", ... */
    public String type() {
        return attr("type");
    }

    public CharDeviceXml type(String type) {
        attr("type", type);
        Dom.moveAttributeFirst(element, "type");
        return this;
    }

    /** The pty or socket path ({@code <source path=...>}, or the {@code tty} attribute libvirt adds live). */
    public String sourcePath() {
        return childAttr("source", "path");
    }

    /** For unix/tcp: "bind" (listen) or "connect". */
    public String sourceMode() {
        return childAttr("source", "mode");
    }

    public CharDeviceXml source(String mode, String path) {
        childAttr("source", "mode", mode);
        childAttr("source", "path", path);
        return this;
    }

    /** The guest side type: "isa-serial", "serial", "virtio", "guestfwd", ... */
    public String targetType() {
        return childAttr("target", "type");
    }

    public Integer targetPort() {
        return parseInt(childAttr("target", "port"), "./target/@port");
    }

    /** The virtio channel name, e.g. "org.qemu.guest_agent.0". */
    public String targetName() {
        return childAttr("target", "name");
    }

    public CharDeviceXml target(String type, Integer port, String name) {
        childAttr("target", "type", type);
        childAttr("target", "port", str(port));
        childAttr("target", "name", name);
        return this;
    }
}
