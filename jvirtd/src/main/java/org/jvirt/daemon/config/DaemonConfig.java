package org.jvirt.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.auth.AuthConfig;

/**
 * The daemon's settings, read from jvirtd.conf with libvirtd.conf's key names and defaults. Ports are accepted
 * as strings (libvirt's form, {@code tcp_port = "16509"}) or as numbers. Permissions are octal strings.
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
        String keyFile,
        String certFile,
        String caFile,
        String crlFile,
        boolean tlsNoVerifyCertificate,
        List<String> tlsAllowedDnList,
        List<String> tlsProtocols,
        String logOutputs,
        String logFilters,
        int logLevel,
        AuthConfig auth) {

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
                f.getString("key_file").orElse(DaemonPaths.DEFAULT_KEY_FILE),
                f.getString("cert_file").orElse(DaemonPaths.DEFAULT_CERT_FILE),
                f.getString("ca_file").orElse(DaemonPaths.DEFAULT_CA_FILE),
                f.getString("crl_file").orElse(null),
                f.getBoolean("tls_no_verify_certificate").orElse(false),
                f.getStringList("tls_allowed_dn_list").orElse(List.of()),
                tlsProtocols(f),
                f.getString("log_outputs").orElse(null),
                f.getString("log_filters").orElse(null),
                intOf(f, "log_level", 3),
                AuthConfig.from(f));
    }

    /**
     * jvirt's {@code tls_protocols} (libvirt has gnutls' tls_priority instead): the TLS versions the listener
     * offers. TLS 1.2 by default, because libvirt 9.0's gnutls clients fail against the JDK's TLS 1.3 in two
     * ways: gnutls 3.7 selects no RSA client certificate for a CertificateRequest that lists only RSA-PSS
     * signatures (TLS 1.3 allows no others), and the JDK's NewSessionTicket, sent after the handshake, arrives
     * where virNetClient reads its one-byte confirmation, which then fails with EAGAIN.
     */
    private static List<String> tlsProtocols(ConfFile f) {
        List<String> p = f.getStringList("tls_protocols").orElse(List.of("TLSv1.2"));
        for (String v : p) {
            if (!v.equals("TLSv1.2") && !v.equals("TLSv1.3")) {
                throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "%s: unsupported TLS protocol '%s' in tls_protocols (TLSv1.2, TLSv1.3)", f.fileName(), v);
            }
        }
        if (p.isEmpty()) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX, "%s: tls_protocols is empty",
                    f.fileName());
        }
        return List.copyOf(p);
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
                keepaliveCount, keyFile, certFile, caFile, crlFile, tlsNoVerifyCertificate, tlsAllowedDnList,
                tlsProtocols, logOutputs, logFilters, logLevel, auth);
    }
}
