package org.jvirt.transport.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of libvirt's TLS, for jvirtd's TLS listener and jvirt-web's HTTPS: its certificate and key
 * (reloadable at run time), the CA that client certificates must chain to (plus the CRL when there is one), the DN allow-list, and the byte 0x01 libvirtd sends inside TLS once it has
 * accepted the client — the C client reads it before its first call.
 */
public final class TlsServer {

    private static final byte ACCEPTED = 1;

    private final SSLContext context;
    private final boolean verify;
    private final DnAllowList allowList;

    private final List<String> protocols;
    private final ReloadableManagers managers;

    private TlsServer(SSLContext context, ReloadableManagers managers, boolean verify, DnAllowList allowList,
                      List<String> protocols) {
        this.managers = managers;
        this.protocols = protocols;
        this.context = context;
        this.verify = verify;
        this.allowList = allowList;
    }

    /** Loads the files named in the config; a missing file is an error, as in libvirtd. */
    public static TlsServer load(TlsServerConfig config) throws IOException, GeneralSecurityException {
        Material m = material(config);
        ReloadableManagers managers = new ReloadableManagers(m.keys(), m.trust());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(managers.keyManagers(), managers.trustManagers(), null);
        return new TlsServer(ctx, managers, !config.noVerify(), new DnAllowList(config.allowedDnList()),
                config.protocols());
    }

    /**
     * Reads the certificate, key, CA and CRL files again and serves new connections with them (virt-admin
     * srv-update-tls); a file that fails to load changes nothing. The other TLS settings stay as started.
     */
    public void reload(TlsServerConfig config) throws IOException, GeneralSecurityException {
        Material m = material(config);
        managers.replace(m.keys(), m.trust());
    }

    private record Material(javax.net.ssl.KeyManager[] keys, TrustManager[] trust) {
    }

    private static Material material(TlsServerConfig config) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates(Path.of(config.certFile()));
        PrivateKey key = Pem.privateKey(Path.of(config.keyFile()));
        List<X509Certificate> cas = Pem.certificates(Path.of(config.caFile()));
        List<X509CRL> crls = config.crlFile() != null && Files.exists(Path.of(config.crlFile()))
                ? Pem.crls(Path.of(config.crlFile())) : List.of();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pass = new char[0];
        ks.setKeyEntry("server", key, pass, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);

        TrustManager[] trust;
        boolean verify = !config.noVerify();
        if (verify) {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : cas) {
                anchors.add(new TrustAnchor(ca, null));
            }
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, null);
            params.setRevocationEnabled(!crls.isEmpty());
            if (!crls.isEmpty()) {
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(new CertPathTrustManagerParameters(params));
            trust = tmf.getTrustManagers();
        } else {
            trust = new TrustManager[] {new TrustAll()};
        }
        return new Material(kmf.getKeyManagers(), trust);
    }

    /** The loaded context, for a TLS listener that is not a plain socket (jvirt-web's Jetty connectors). */
    public SSLContext context() {
        return context;
    }

    /** Whether client certificates are required and checked (tls_no_verify_certificate = 0). */
    public boolean verifiesClients() {
        return verify;
    }

    /** Whether a verified client's subject passes tls_allowed_dn_list. */
    public boolean allows(javax.security.auth.x500.X500Principal subject) {
        return allowList.allows(subject);
    }

    public SSLServerSocket newServerSocket() throws IOException {
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        s.setEnabledProtocols(protocols.toArray(new String[0])); // tls_protocols: why 1.2 by default, see there
        if (verify) {
            s.setNeedClientAuth(true);
        } else {
            s.setWantClientAuth(true);
        }
        return s;
    }

    /** Handshake, DN check, then the "accepted" byte. Any failure closes the connection before RPC starts. */
    public void handshake(SSLSocket s) throws IOException {
        s.setSoTimeout(30_000);
        s.startHandshake();
        if (verify) {
            X509Certificate peer;
            try {
                peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
            } catch (SSLPeerUnverifiedException e) {
                throw new IOException("client sent no certificate", e);
            }
            if (!allowList.allows(peer.getSubjectX500Principal())) {
                throw new IOException("Client's Distinguished Name is not on the list of allowed clients "
                        + "(tls_allowed_dn_list): " + peer.getSubjectX500Principal().getName());
            }
        }
        s.setSoTimeout(0);
        s.getOutputStream().write(ACCEPTED);
        s.getOutputStream().flush();
    }
}
