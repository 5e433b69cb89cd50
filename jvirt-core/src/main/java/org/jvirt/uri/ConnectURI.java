package org.jvirt.uri;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * A connection URI in libvirt's grammar: {@code driver[+transport]://[user@][host][:port]/path[?params]}, e.g.
 * {@code test:///default}, {@code qemu:///system}, {@code qemu+tls://host/system?no_verify=1}.
 *
 * @param text      the URI as given
 * @param driver    the scheme before any '+', e.g. "qemu"
 * @param transport what follows the '+' ("unix", "tcp", "tls", "ssh", "ext", "libssh"...), or null
 * @param user      the user part, or null
 * @param host      the host, or null for a local URI
 * @param port      the port, or -1
 * @param path      the path, e.g. "/system" (may be empty)
 * @param params    the query parameters, decoded, in order
 */
public record ConnectURI(String text, String driver, String transport, String user, String host, int port,
                         String path, List<Map.Entry<String, String>> params) {

    public ConnectURI {
        params = List.copyOf(params);
    }

    /** Parses a URI, failing as libvirt does on one it cannot parse. */
    public static ConnectURI parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw VirtException.of(ErrorDomain.URI, ErrorNumber.INTERNAL_ERROR,
                    "Unable to parse URI %s", text);
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw VirtException.of(ErrorDomain.URI, ErrorNumber.INTERNAL_ERROR, "Unable to parse URI %s", text);
        }
        String driver = scheme;
        String transport = null;
        int plus = scheme.indexOf('+');
        if (plus >= 0) {
            driver = scheme.substring(0, plus);
            transport = scheme.substring(plus + 1);
        }
        String host = uri.getHost();
        String user = uri.getUserInfo();
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI leaves a registry-based authority (e.g. "host_name") unparsed; libvirt accepts it.
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                user = decode(authority.substring(0, at));
                authority = authority.substring(at + 1);
            }
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']') < colon) {
                port = Integer.parseInt(authority.substring(colon + 1));
                authority = authority.substring(0, colon);
            }
            host = authority.isEmpty() ? null : authority;
        }
        String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
        return new ConnectURI(text, driver, transport, user, host, port, path == null ? "" : path,
                parseQuery(uri.getRawQuery()));
    }

    private static List<Map.Entry<String, String>> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Collections.emptyList();
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String part : raw.split("[&;]")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            out.add(Map.entry(name, value));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The value of the first query parameter with that name. */
    public Optional<String> param(String name) {
        for (Map.Entry<String, String> e : params) {
            if (e.getKey().equals(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Whether the URI names a remote host or transport, so that only the remote driver may serve it. */
    public boolean isRemote() {
        return host != null || transport != null;
    }

    /** The URI the remote side should open: the same, without host, transport and the client-only params. */
    @Override
    public String toString() {
        return text;
    }
}
