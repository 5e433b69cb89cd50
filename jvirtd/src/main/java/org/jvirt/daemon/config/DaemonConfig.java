package org.jvirt.daemon.config;

import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.auth.AuthConfig;
import org.jvirt.transport.tls.TlsServerConfig;

/**
 * The daemon's settings, read from jvirtd.conf with libvirtd.conf's key names and defaults (the x509 ones by
 * jvirt-transport's {@link TlsServerConfig}, which jvirt-web reads too). Ports are accepted
 * as strings (libvirt's form, {@code tcp_port = "16509"}) or as numbers. Permissions are octal strings.
 * {@code webConfig} is the file itself when it enables jvirt-web inside the daemon (null otherwise): jvirt-web,
 * which jvirtd does not depend on, reads its own keys from it.
 */
public record DaemonConfig(
        boolean listenTcp,
        boolean listenTls,
        String listenAddr,
        int tcpPort,
        int tlsPort,
        Path unixSockDir,
        String unixSockRwPerms,
        String unixSockRoPerms,
        ServerLimits limits,
        int keepaliveInterval,
        int keepaliveCount,
        TlsServerConfig tls,
        String logOutputs,
        String logFilters,
        int logLevel,
        AuthConfig auth,
        ConfFile webConfig) {

    /** The keys that enable the in-process jvirt-web; its other {@code web_*} keys are read by jvirt-web. */
    public static final java.util.List<String> WEB_KEYS = java.util.List.of("web_listen", "web_unix_sock");

    /** The settings of an empty file. */
    public static DaemonConfig defaults() {
        return from(ConfFile.empty());
    }

    public static DaemonConfig from(ConfFile f) {
        return new DaemonConfig(
                f.getBoolean("listen_tcp").orElse(false),
                f.getBoolean("listen_tls").orElse(true),
                f.getString("listen_addr").orElse("0.0.0.0"),
                port(f, "tcp_port", 16509),
                port(f, "tls_port", 16514),
                f.getString("unix_sock_dir").map(Path::of).orElse(DaemonPaths.defaultRuntimeDir()),
                f.getString("unix_sock_rw_perms").orElse("0700"),
                f.getString("unix_sock_ro_perms").orElse("0777"),
                ServerLimits.from(f),
                intOf(f, "keepalive_interval", 5),
                intOf(f, "keepalive_count", 5),
                TlsServerConfig.from(f),
                f.getString("log_outputs").orElse(null),
                f.getString("log_filters").orElse(null),
                intOf(f, "log_level", 3),
                AuthConfig.from(f),
                WEB_KEYS.stream().anyMatch(k -> f.get(k).isPresent()) ? f : null);
    }

    static int intOf(ConfFile f, String key, int dflt) {
        return f.getLong(key).map(Long::intValue).orElse(dflt);
    }

    private static int port(ConfFile f, String key, int dflt) {
        Optional<String> s = f.get(key).isPresent() && f.get(key).get() instanceof org.jvirt.conf.ConfValue.Str
                ? f.getString(key) : Optional.empty();
        if (s.isPresent()) {
            try {
                return Integer.parseInt(s.get().trim());
            } catch (NumberFormatException e) {
                throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "%s: invalid port '%s' for %s", f.fileName(), s.get(), key);
            }
        }
        return f.getLong(key).map(Long::intValue).orElse(dflt);
    }

    public DaemonConfig withUnixSockDir(Path dir) {
        return new DaemonConfig(listenTcp, listenTls, listenAddr, tcpPort, tlsPort, dir,
                unixSockRwPerms, unixSockRoPerms, limits, keepaliveInterval,
                keepaliveCount, tls, logOutputs, logFilters, logLevel, auth, webConfig);
    }
}
