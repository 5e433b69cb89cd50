package org.jvirt.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.conf.ConfFile;
import org.jvirt.transport.tls.TlsServerConfig;

/**
 * How jvirt-web runs: the connection URI it serves, where it listens, and whether TCP is TLS with client
 * certificates (jvirtd's files, named by a jvirtd.conf) or plain for development, which is allowed on loopback
 * addresses only.
 *
 * @param uri        the connection URI served (any: test:///, qemu:///, qemu+tls://..., a real libvirtd)
 * @param listen     TCP addresses
 * @param unix       a unix socket path, or null
 * @param tls        the x509 settings of a jvirtd.conf (key_file, cert_file, ca_file, tls_allowed_dn_list...);
 *                   null for plain TCP
 * @param maxBody    the largest JSON or XML request body accepted, in bytes
 * @param ticketTtl  how long a console ticket stays good
 */
public record WebOptions(String uri, List<InetSocketAddress> listen, Path unix, TlsServerConfig tls, long maxBody,
                         java.time.Duration ticketTtl) {

    /** @param tlsConfig a jvirtd.conf whose x509 settings TLS uses; null for plain TCP */
    public WebOptions(String uri, List<InetSocketAddress> listen, Path unix, Path tlsConfig, long maxBody) {
        this(uri, listen, unix, tlsOf(tlsConfig), maxBody, org.jvirt.web.console.Tickets.DEFAULT_TTL);
    }

    private static TlsServerConfig tlsOf(Path jvirtdConf) {
        return jvirtdConf == null ? null : TlsServerConfig.from(ConfFile.read(jvirtdConf));
    }

    public static final long DEFAULT_MAX_BODY = 1 << 20;

    public WebOptions {
        listen = List.copyOf(listen);
        if (tls == null) {
            for (InetSocketAddress a : listen) {
                if (!a.getAddress().isLoopbackAddress()) {
                    throw new IllegalArgumentException("plain HTTP without authentication is for development and"
                            + " listens on loopback only; " + a + " needs --tls (inside jvirtd: web_tls = 1)");
                }
            }
        }
    }

    /** A development server: plain HTTP on 127.0.0.1 at a free port, no auth. */
    public static WebOptions loopback(String uri) {
        return new WebOptions(uri, List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), null, null,
                DEFAULT_MAX_BODY);
    }

    public WebOptions withTicketTtl(java.time.Duration ttl) {
        return new WebOptions(uri, listen, unix, tls, maxBody, ttl);
    }

    public WebOptions withTls(Path config) {
        return new WebOptions(uri, listen, unix, tlsOf(config), maxBody, ticketTtl);
    }

    public WebOptions withUnix(Path socket) {
        return new WebOptions(uri, listen, socket, tls, maxBody, ticketTtl);
    }

    public WebOptions withListen(List<InetSocketAddress> addrs) {
        return new WebOptions(uri, addrs, unix, tls, maxBody, ticketTtl);
    }

    /** Parses {@code -c URI --listen ADDR:PORT [--listen ...] [--unix PATH] [--tls jvirtd.conf]}. */
    public static WebOptions parse(String[] args) throws UnknownHostException {
        String uri = null;
        List<InetSocketAddress> listen = new ArrayList<>();
        Path unix = null;
        Path tls = null;
        long maxBody = DEFAULT_MAX_BODY;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "-c", "--connect" -> uri = need(a, v);
                case "--listen" -> listen.add(address(need(a, v)));
                case "--unix" -> unix = Path.of(need(a, v));
                case "--tls" -> tls = Path.of(need(a, v));
                case "--max-body" -> maxBody = Long.parseLong(need(a, v));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            i++;
        }
        if (uri == null) {
            throw new IllegalArgumentException("-c URI is required");
        }
        if (listen.isEmpty() && unix == null) {
            throw new IllegalArgumentException("--listen ADDR:PORT or --unix PATH is required");
        }
        return new WebOptions(uri, listen, unix, tls, maxBody);
    }

    private static String need(String opt, String v) {
        if (v == null) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return v;
    }

    /** ADDR:PORT, [V6ADDR]:PORT */
    static InetSocketAddress address(String s) throws UnknownHostException {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen wants ADDR:PORT, not '" + s + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(s.substring(colon + 1)));
    }
}
