package org.jvirt.driver.qemu.lifecycle;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * A migration URI as libvirt accepts it: {@code tcp:host[:port]} (the old form QEMU itself takes) or
 * {@code tcp://host[:port]}; IPv6 hosts in brackets. Only TCP is offered here.
 *
 * @param host the host, without brackets
 * @param port the port, 0 when none was given
 */
record MigrationUri(String host, int port) {

    static MigrationUri parse(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "missing scheme in migration URI: %s",
                    uri);
        }
        String scheme = uri.substring(0, colon);
        if (!scheme.equals("tcp")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "unsupported scheme %s in migration URI %s", scheme, uri);
        }
        String rest = uri.substring(colon + 1);
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                rest = rest.substring(0, slash);
            }
        }
        String host;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw bad(uri);
            }
            host = rest.substring(1, close);
            if (close + 1 < rest.length()) {
                if (rest.charAt(close + 1) != ':') {
                    throw bad(uri);
                }
                port = rest.substring(close + 2);
            }
        } else {
            int c = rest.lastIndexOf(':');
            host = c < 0 ? rest : rest.substring(0, c);
            port = c < 0 ? null : rest.substring(c + 1);
        }
        if (host.isEmpty()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "missing host in migration URI: %s",
                    uri);
        }
        int p = 0;
        if (port != null && !port.isEmpty()) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw bad(uri);
            }
            if (p <= 0 || p > 65535) {
                throw bad(uri);
            }
        }
        return new MigrationUri(host, p);
    }

    private static VirtException bad(String uri) {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "unable to parse migration URI: %s", uri);
    }

    MigrationUri withPort(int p) {
        return new MigrationUri(host, p);
    }

    /** As QEMU's migrate and migrate-incoming take it. */
    String forQemu() {
        return "tcp:" + bracketed(host) + ":" + port;
    }

    static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
