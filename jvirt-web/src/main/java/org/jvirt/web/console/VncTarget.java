package org.jvirt.web.console;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

import org.jvirt.Domain;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * Where a running domain's VNC server listens, read from its live XML: the port and listen address libvirt chose
 * (an unspecified address means this host's loopback), or a unix socket. It is an address on the host the
 * connection's driver runs on, so the proxy reaches it when jvirt-web runs there.
 */
public final class VncTarget {

    private VncTarget() {
    }

    public static SocketAddress of(Domain d) {
        if (!d.isActive()) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID, "domain is not running");
        }
        DomainXml x = DomainXml.parse(d.getXMLDesc());
        for (GraphicsXml g : x.devices().graphics()) {
            if (!"vnc".equals(g.type())) {
                continue;
            }
            for (GraphicsXml.Listen l : g.listens()) {
                if ("socket".equals(l.type()) && l.socket() != null) {
                    return UnixDomainSocketAddress.of(l.socket());
                }
            }
            Integer port = g.port();
            if (port == null || port <= 0) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID,
                        "the domain's VNC server has no port");
            }
            String host = g.listen();
            if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
                host = "127.0.0.1";
            }
            return new InetSocketAddress(host, port);
        }
        throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID, "domain has no VNC graphics");
    }
}
