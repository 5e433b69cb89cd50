package org.jvirt.remote;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.remote.transport.CommandDialer;
import org.jvirt.remote.transport.Dialer;
import org.jvirt.remote.transport.TcpDialer;
import org.jvirt.remote.transport.TlsDialer;
import org.jvirt.remote.transport.UnixDialer;
import org.jvirt.transport.tls.ClientPki;
import org.jvirt.uri.ConnectURI;

/**
 * Everything a URI says about reaching a daemon — the one place where URIs become transports (libvirt's
 * doRemoteOpen): which transport and where, the name sent in CONNECT_OPEN, and the client-side options.
 *
 * @param transportName      "unix", "tcp", "tls", "ssh" or "ext"
 * @param transport          how to dial
 * @param name               what CONNECT_OPEN carries: {@code driver:///path[?server params]}, "" to let the server probe
 * @param keepaliveInterval  seconds of silence before we PING (0 = never; we still answer the server's PINGs)
 * @param keepaliveCount     unanswered PINGs before we give up
 * @param reconnect          re-open and re-register events after the connection drops ({@code ?reconnect=1})
 */
public record RemoteTarget(String transportName, Dialer transport, String name, int keepaliveInterval,
                           int keepaliveCount, boolean reconnect) {

    /** libvirt's client defaults (virsh -k 5 -K 6 is close; the library's own default is 5/5). */
    public static final int DEFAULT_KEEPALIVE_INTERVAL = 5;
    public static final int DEFAULT_KEEPALIVE_COUNT = 5;

    public static final int TCP_PORT = 16509;
    public static final int TLS_PORT = 16514;

    /** Parameters the client consumes; everything else travels to the server inside the name. */
    static final Set<String> CLIENT_PARAMS = Set.of("name", "command", "socket", "auth", "sshauth", "netcat",
            "keyfile", "pkipath", "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "no_sanity",
            "no_verify", "no_tty", "authfile",
            // jvirt's own additions, never sent either
            "keepalive_interval", "keepalive_count", "reconnect");

    /** libvirt's socket for ssh's far side when the URI names none. */
    static final String LIBVIRT_SYSTEM_SOCKET = "/var/run/libvirt/libvirt-sock";

    public static RemoteTarget of(ConnectURI uri, boolean readOnly) {
        String transport = uri.transport();
        if (transport == null) {
            transport = uri.host() != null ? "tls" : "unix";
        }
        transport = switch (transport) {
            case "unix", "tcp", "tls", "ssh", "ext" -> transport;
            // no in-process ssh library: the system's ssh does the same job
            case "libssh", "libssh2" -> "ssh";
            default -> throw VirtException.of(ErrorDomain.REMOTE, ErrorNumber.INVALID_ARG,
                    "transport in URL not recognized (should be tls|unix|ssh|ext|tcp|libssh2|libssh)");
        };
        Dialer t = switch (transport) {
            case "unix" -> unix(uri, readOnly);
            case "tcp" -> new TcpDialer(host(uri), uri.port() > 0 ? uri.port() : TCP_PORT);
            case "tls" -> new TlsDialer(host(uri), uri.port() > 0 ? uri.port() : TLS_PORT,
                    uri.param("pkipath").map(p -> ClientPki.custom(Path.of(p))).orElseGet(ClientPki::forCurrentUser),
                    flag(uri, "no_verify"));
            case "ssh" -> new CommandDialer(sshCommand(uri, readOnly));
            default -> new CommandDialer(List.of(uri.param("command").orElseThrow(() -> VirtException.of(
                    ErrorDomain.REMOTE, ErrorNumber.INVALID_ARG,
                    "remote_open: for 'ext' transport, command is required"))));
        };
        int interval = intParam(uri, "keepalive_interval", DEFAULT_KEEPALIVE_INTERVAL);
        int count = intParam(uri, "keepalive_count", DEFAULT_KEEPALIVE_COUNT);
        return new RemoteTarget(transport, t, openName(uri), interval, count, flag(uri, "reconnect"));
    }

    /**
     * Whether a plain local URI (no transport, no host) should fall to the remote driver: only when the daemon's
     * socket is there, since every local driver has declined it already.
     */
    static boolean localDaemonAvailable(ConnectURI uri, boolean readOnly) {
        if (uri.param("socket").isPresent()) {
            return true;
        }
        return Files.exists(defaultSocket(uri, readOnly));
    }

    private static String host(ConnectURI uri) {
        return uri.host() == null ? "localhost" : uri.host();
    }

    private static UnixDialer unix(ConnectURI uri, boolean readOnly) {
        if (uri.host() != null) {
            throw VirtException.of(ErrorDomain.REMOTE, ErrorNumber.INVALID_ARG,
                    "using unix socket and remote server '%s' is not supported.", uri.host());
        }
        return new UnixDialer(uri.param("socket").map(Path::of).orElseGet(() -> defaultSocket(uri, readOnly)));
    }

    /**
     * jvirtd's sockets (they must not collide with a real libvirtd's): /run/jvirt/jvirt-sock (or -sock-ro for a
     * read-only connection) for system URIs and root; $XDG_RUNTIME_DIR/jvirt/jvirt-sock for session URIs.
     */
    static Path defaultSocket(ConnectURI uri, boolean readOnly) {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean session = "/session".equals(uri.path()) || (!root && !"/system".equals(uri.path()));
        if (session) {
            String xdg = System.getenv("XDG_RUNTIME_DIR");
            Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("jvirt").resolve("jvirt-sock");
        }
        return Path.of(readOnly ? "/run/jvirt/jvirt-sock-ro" : "/run/jvirt/jvirt-sock");
    }

    /** The name for CONNECT_OPEN: {@code ?name=} verbatim, "" for remote://, else driver:///path[?rest]. */
    static String openName(ConnectURI uri) {
        var explicit = uri.param("name");
        if (explicit.isPresent()) {
            return explicit.get();
        }
        if ("remote".equals(uri.driver())) {
            return "";
        }
        StringBuilder sb = new StringBuilder(uri.driver()).append("://").append(uri.path());
        char sep = '?';
        for (Map.Entry<String, String> p : uri.params()) {
            if (CLIENT_PARAMS.contains(p.getKey())) {
                continue;
            }
            sb.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /**
     * ssh's argv as virNetSocketNewConnectSSH builds it, running libvirt's remote command: netcat on the socket
     * (if a socket or netcat was named, or ?proxy=netcat), virt-ssh-helper (?proxy=native), or "auto" — the helper
     * when the far side has it, else netcat.
     */
    static List<String> sshCommand(ConnectURI uri, boolean readOnly) {
        List<String> argv = new ArrayList<>();
        // libvirt's ?command= names the ssh binary to run for the ssh transports (default: ssh on PATH).
        argv.add(uri.param("command").orElse("ssh"));
        if (uri.port() > 0) {
            argv.addAll(List.of("-p", Integer.toString(uri.port())));
        }
        if (uri.user() != null) {
            argv.addAll(List.of("-l", uri.user()));
        }
        uri.param("keyfile").ifPresent(k -> argv.addAll(List.of("-i", k)));
        argv.addAll(List.of("-T", "-e", "none"));
        if (flag(uri, "no_tty")) {
            argv.addAll(List.of("-o", "BatchMode=yes"));
        }
        if (flag(uri, "no_verify")) {
            argv.addAll(List.of("-o", "StrictHostKeyChecking=no"));
        }
        argv.add("--");
        argv.add(host(uri));
        argv.add(remoteCommand(uri, readOnly));
        return argv;
    }

    static String remoteCommand(ConnectURI uri, boolean readOnly) {
        String netcat = uri.param("netcat").orElse(null);
        String socket = uri.param("socket").orElse(null);
        String proxy = uri.param("proxy").orElse(null);
        if (proxy == null) {
            proxy = socket != null || netcat != null ? "netcat" : "auto";
        }
        if (socket == null) {
            socket = LIBVIRT_SYSTEM_SOCKET + (readOnly ? "-ro" : "");
        }
        String nc = doubleEscape(netcat == null ? "nc" : netcat);
        String nccmd = "if '" + nc + "' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then "
                + "ARG=-q0;else ARG=;fi;'" + nc + "' $ARG -U " + socket;
        String helper = "virt-ssh-helper" + (readOnly ? " -r " : " ") + "'" + doubleEscape(openName(uri)) + "'";
        return switch (proxy) {
            case "netcat" -> "sh -c '" + nccmd + "'";
            case "native" -> {
                if (netcat != null) {
                    throw VirtException.of(ErrorDomain.REMOTE, ErrorNumber.INVALID_ARG,
                            "netcat path not valid with native proxy mode");
                }
                yield "sh -c '" + helper + "'";
            }
            case "auto" -> "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     " + helper
                    + "; else    " + nccmd + "; fi'";
            default -> throw VirtException.of(ErrorDomain.REMOTE, ErrorNumber.INVALID_ARG,
                    "Unnkown proxy type '%s'", proxy);
        };
    }

    /**
     * virNetClientDoubleEscapeShell: ssh's server runs our command through a shell, which runs another; a value
     * with shell metacharacters is quoted for each of them.
     */
    static String doubleEscape(String s) {
        return escapeShell(escapeShell(s));
    }

    /** virBufferEscapeShell: unchanged when harmless, else single-quoted with ' as '\''. */
    static String escapeShell(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "@%_+=:,./-".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean flag(ConnectURI uri, String name) {
        return uri.param(name).map(v -> !v.isEmpty() && !v.equals("0")).orElse(false);
    }

    private static int intParam(ConnectURI uri, String name, int dflt) {
        String v = uri.param(name).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw VirtException.of(ErrorDomain.REMOTE, ErrorNumber.INVALID_ARG, "Failed to parse value of URI component %s",
                    name);
        }
    }
}
