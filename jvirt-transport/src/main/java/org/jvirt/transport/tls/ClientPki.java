package org.jvirt.transport.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * libvirt's client PKI files: where they are (virNetTLSConfigCustomClient / virNetTLSConfigUserClient /
 * virNetTLSConfigSystemClient) and the TLS context made of them. The PEM is read by {@link Pem}, as the
 * daemon's files are.
 *
 * @param caCert     cacert.pem
 * @param clientCert clientcert.pem
 * @param clientKey  clientkey.pem
 */
public record ClientPki(Path caCert, Path clientCert, Path clientKey) {

    private static final char[] KEY_PASSWORD = "jvirt".toCharArray();

    /** {@code ?pkipath=DIR}: the three files directly in DIR. */
    public static ClientPki custom(Path dir) {
        return new ClientPki(dir.resolve("cacert.pem"), dir.resolve("clientcert.pem"), dir.resolve("clientkey.pem"));
    }

    /** The system layout (root): /etc/pki/CA/cacert.pem, /etc/pki/libvirt/clientcert.pem, .../private/clientkey.pem. */
    public static ClientPki system() {
        return new ClientPki(Path.of(X509Layout.CA_FILE), Path.of(X509Layout.SYSTEM_DIR, "clientcert.pem"),
                Path.of(X509Layout.SYSTEM_DIR, "private", "clientkey.pem"));
    }

    /**
     * The default for this process: root uses the system layout; other users use ~/.pki/libvirt/ and, file by
     * file, fall back to the system layout where their own file is missing (libvirt's behaviour).
     */
    public static ClientPki forCurrentUser() {
        if ("root".equals(System.getProperty("user.name"))) {
            return system();
        }
        ClientPki user = custom(Path.of(System.getProperty("user.home"), ".pki", "libvirt"));
        ClientPki sys = system();
        return new ClientPki(Files.exists(user.caCert) ? user.caCert : sys.caCert,
                Files.exists(user.clientCert) ? user.clientCert : sys.clientCert,
                Files.exists(user.clientKey) ? user.clientKey : sys.clientKey);
    }

    /**
     * The client's context: the server is checked against the CA unless {@code noVerify} (libvirt's
     * {@code no_verify=1}); the client certificate is offered when both its files exist.
     */
    public SSLContext context(boolean noVerify) {
        try {
            TrustManager[] trust;
            if (noVerify) {
                trust = new TrustManager[] {new TrustAll()};
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore());
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            KeyStore ks = keyStore();
            if (ks != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, KEY_PASSWORD);
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw tlsError("Unable to create TLS client context: %s", e.getMessage());
        }
    }

    /** The CA certificates as a trust store. */
    private KeyStore trustStore() {
        if (!Files.exists(caCert)) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Cannot access %s '%s': %s",
                    "CA certificate", caCert, "No such file or directory");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.certificates(caCert)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw tlsError("Unable to load CA certificate %s: %s", caCert, e.getMessage());
        }
    }

    /** The client certificate and key as a key store, or null when the files are absent (no client auth). */
    private KeyStore keyStore() {
        if (!Files.exists(clientCert) || !Files.exists(clientKey)) {
            return null;
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", Pem.privateKey(clientKey), KEY_PASSWORD,
                    Pem.certificates(clientCert).toArray(new X509Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw tlsError("Unable to load client certificate %s / key %s: %s", clientCert, clientKey,
                    e.getMessage());
        }
    }

    /** The error libvirt's client reports for its TLS set-up and handshake. */
    public static VirtException tlsError(String format, Object... args) {
        return VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, format, args);
    }
}
