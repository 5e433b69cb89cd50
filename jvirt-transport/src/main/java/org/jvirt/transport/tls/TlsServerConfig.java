package org.jvirt.transport.tls;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;

/**
 * A TLS server's settings, under libvirtd.conf's key names: jvirtd's TLS listener and jvirt-web (standalone
 * with {@code --tls jvirtd.conf}, or inside jvirtd) read them from the same file.
 *
 * @param keyFile        key_file
 * @param certFile       cert_file
 * @param caFile         ca_file
 * @param crlFile        crl_file, or null
 * @param noVerify       tls_no_verify_certificate
 * @param allowedDnList  tls_allowed_dn_list
 * @param protocols      tls_protocols (jvirt's)
 */
public record TlsServerConfig(String keyFile, String certFile, String caFile, String crlFile, boolean noVerify,
                              List<String> allowedDnList, List<String> protocols) {

    public TlsServerConfig {
        allowedDnList = List.copyOf(allowedDnList);
        protocols = List.copyOf(protocols);
    }

    public static TlsServerConfig from(ConfFile f) {
        return new TlsServerConfig(
                f.getString("key_file").orElse(X509Layout.SERVER_KEY_FILE),
                f.getString("cert_file").orElse(X509Layout.SERVER_CERT_FILE),
                f.getString("ca_file").orElse(X509Layout.CA_FILE),
                f.getString("crl_file").orElse(null),
                f.getBoolean("tls_no_verify_certificate").orElse(false),
                f.getStringList("tls_allowed_dn_list").orElse(List.of()),
                protocols(f));
    }

    /**
     * jvirt's {@code tls_protocols} (libvirt has gnutls' tls_priority instead): the TLS versions the listener
     * offers. TLS 1.2 by default, because libvirt 9.0's gnutls clients fail against the JDK's TLS 1.3 in two
     * ways: gnutls 3.7 selects no RSA client certificate for a CertificateRequest that lists only RSA-PSS
     * signatures (TLS 1.3 allows no others), and the JDK's NewSessionTicket, sent after the handshake, arrives
     * where virNetClient reads its one-byte confirmation, which then fails with EAGAIN.
     */
    private static List<String> protocols(ConfFile f) {
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
}
