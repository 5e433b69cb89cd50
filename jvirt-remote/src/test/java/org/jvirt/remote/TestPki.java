package org.jvirt.remote;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA, server and client certificate in libvirt's file names: the server's (cacert.pem,
 * servercert.pem, serverkey.pem) for libvirtd's conf and the client's (cacert.pem, clientcert.pem, clientkey.pem)
 * for {@code ?pkipath=}. The server key is PKCS#1 (what certtool writes, and what GnuTLS reads), the client key
 * PKCS#8 — so both of our PEM readers' paths run.
 */
final class TestPki {

    private TestPki() {
    }

    static Path create(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPair ca = rsa();
        X500Name caName = new X500Name("CN=jvirt test CA");
        X509Certificate caCert = sign(caName, caName, ca.getPublic(), ca.getPrivate(), true, null);
        KeyPair server = rsa();
        X509Certificate serverCert = sign(new X500Name("CN=127.0.0.1"), caName, server.getPublic(), ca.getPrivate(),
                false, KeyPurposeId.id_kp_serverAuth);
        KeyPair client = rsa();
        X509Certificate clientCert = sign(new X500Name("CN=jvirt-client"), caName, client.getPublic(),
                ca.getPrivate(), false, KeyPurposeId.id_kp_clientAuth);
        write(dir.resolve("cacert.pem"), caCert);
        write(dir.resolve("servercert.pem"), serverCert);
        write(dir.resolve("serverkey.pem"), server.getPrivate());
        write(dir.resolve("clientcert.pem"), clientCert);
        Files.writeString(dir.resolve("clientkey.pem"), pem(new JcaPKCS8Generator(client.getPrivate(), null)));
        return dir;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, java.security.PublicKey key,
                                        PrivateKey signer, boolean ca, KeyPurposeId purpose) throws Exception {
        long now = System.currentTimeMillis();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now),
                new Date(now - 3600_000L), new Date(now + 86_400_000L), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (purpose == KeyPurposeId.id_kp_serverAuth) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            }
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }

    private static void write(Path file, Object o) throws IOException {
        Files.writeString(file, pem(o));
    }

    private static String pem(Object o) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }
}
