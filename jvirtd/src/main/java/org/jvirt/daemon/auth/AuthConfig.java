package org.jvirt.daemon.auth;

import java.nio.file.Path;
import java.util.List;

import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonPaths;

/**
 * The authentication and access settings of jvirtd.conf. libvirtd's keys where libvirt has them (auth_unix_rw,
 * auth_unix_ro, auth_tcp, auth_tls, sasl_allowed_username_list, tcp_min_ssf, access_drivers); jvirt's own for
 * what libvirt keeps in /etc/sasl2/libvirt.conf (sasl_mech_list, sasl_password_file, sasl_keytab,
 * sasl_service_principal, sasl_realm) and for the rules backend (access_rules_file).
 *
 * @param allowedUsernames globs ({@code *}, {@code ?}); null = every authenticated user (the key absent)
 */
public record AuthConfig(
        AuthScheme unixRw,
        AuthScheme unixRo,
        AuthScheme tcp,
        AuthScheme tls,
        List<String> allowedUsernames,
        int tcpMinSsf,
        List<String> mechanisms,
        Path passwordFile,
        Path keytab,
        String servicePrincipal,
        String realm,
        List<String> accessDrivers,
        Path accessRulesFile,
        String pkcheck) {

    public static final List<String> DEFAULT_MECHANISMS = List.of("SCRAM-SHA-256", "GSSAPI", "DIGEST-MD5");

    public static AuthConfig defaults() {
        return from(ConfFile.empty());
    }

    public static AuthConfig from(ConfFile f) {
        Path conf = DaemonPaths.defaultConfigFile().getParent();
        String n = f.fileName();
        return new AuthConfig(
                AuthScheme.parse(n, "auth_unix_rw", f.getString("auth_unix_rw").orElse("none")),
                AuthScheme.parse(n, "auth_unix_ro", f.getString("auth_unix_ro").orElse("none")),
                AuthScheme.parse(n, "auth_tcp", f.getString("auth_tcp").orElse("sasl")),
                AuthScheme.parse(n, "auth_tls", f.getString("auth_tls").orElse("none")),
                f.getStringList("sasl_allowed_username_list").orElse(null),
                f.getLong("tcp_min_ssf").map(Long::intValue).orElse(56),
                f.getStringList("sasl_mech_list").orElse(DEFAULT_MECHANISMS),
                f.getString("sasl_password_file").map(Path::of).orElse(conf.resolve("saslpasswd")),
                f.getString("sasl_keytab").map(Path::of).orElse(conf.resolve("krb5.keytab")),
                f.getString("sasl_service_principal").orElse(null),
                f.getString("sasl_realm").orElse(null),
                f.getStringList("access_drivers").orElse(List.of()),
                f.getString("access_rules_file").map(Path::of).orElse(conf.resolve("access-rules.conf")),
                f.getString("pkcheck_path").orElse("/usr/bin/pkcheck"));
    }
}
