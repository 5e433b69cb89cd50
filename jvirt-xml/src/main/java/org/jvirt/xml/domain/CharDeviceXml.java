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

    /**
     * An attribute of the {@code <source>} of the given mode ("bind", "connect"), or of the first source when
     * {@code mode} is null: udp has one of each, tcp and unix one, file and pipe one without a mode.
     */
    public String sourceAttr(String mode, String attribute) {
        for (Element s : children("source")) {
            String m = Dom.attribute(s, "mode");
            if (mode == null || mode.equals(m)) {
                return Dom.attribute(s, attribute);
            }
        }
        return null;
    }

    /** Sets {@code <source path=...>} alone (the pty QEMU allocated, a socket path libvirt chose). */
    public CharDeviceXml sourcePath(String path) {
        childAttr("source", "path", path);
        return this;
    }

    /** tcp's {@code <protocol type='raw|telnet|tls'/>}, or null. */
    public String protocol() {
        return childAttr("protocol", "type");
    }

    /** {@code <log file=... append='on|off'/>}: where QEMU copies the device's output, or null. */
    public String logFile() {
        return childAttr("log", "file");
    }

    public String logAppend() {
        return childAttr("log", "append");
    }

    /** The {@code tty} attribute libvirt writes on a live pty {@code <console>}. */
    public CharDeviceXml tty(String tty) {
        attr("tty", tty);
        return this;
    }

    /** Any attribute of {@code <target>}: address and port (guestfwd), state (virtio channels), ... */
    public String targetAttr(String attribute) {
        return childAttr("target", attribute);
    }

    public CharDeviceXml targetAttr(String attribute, String value) {
        childAttr("target", attribute, value);
        return this;
    }

    /** {@code <target><model name=.../></target>} of a serial port (isa-serial, pci-serial, ...), or null. */
    public String targetModel() {
        Element t = child("target");
        Element m = t == null ? null : Dom.child(t, "model");
        return m == null ? null : Dom.attribute(m, "name");
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
