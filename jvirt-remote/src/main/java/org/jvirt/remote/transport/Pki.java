package org.jvirt.remote.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * libvirt's client PKI files: where they are (virNetTLSConfigCustomClient / virNetTLSConfigUserClient /
 * virNetTLSConfigSystemClient) and how to read their PEM without a native library. Certificates are X.509
 * PEM; the key may be PKCS#8 ("PRIVATE KEY") or PKCS#1 RSA ("RSA PRIVATE KEY", what certtool writes).
 *
 * @param caCert     cacert.pem
 * @param clientCert clientcert.pem
 * @param clientKey  clientkey.pem
 */
public record Pki(Path caCert, Path clientCert, Path clientKey) {

    /** {@code ?pkipath=DIR}: the three files directly in DIR. */
    public static Pki custom(Path dir) {
        return new Pki(dir.resolve("cacert.pem"), dir.resolve("clientcert.pem"), dir.resolve("clientkey.pem"));
    }

    /** The system layout (root): /etc/pki/CA/cacert.pem, /etc/pki/libvirt/clientcert.pem, .../private/clientkey.pem. */
    public static Pki system() {
        return new Pki(Path.of("/etc/pki/CA/cacert.pem"), Path.of("/etc/pki/libvirt/clientcert.pem"),
                Path.of("/etc/pki/libvirt/private/clientkey.pem"));
    }

    /**
     * The default for this process: root uses the system layout; other users use ~/.pki/libvirt/ and, file by
     * file, fall back to the system layout where their own file is missing (libvirt's behaviour).
     */
    public static Pki forCurrentUser() {
        if ("root".equals(System.getProperty("user.name"))) {
            return system();
        }
        Pki user = custom(Path.of(System.getProperty("user.home"), ".pki", "libvirt"));
        Pki sys = system();
        return new Pki(Files.exists(user.caCert) ? user.caCert : sys.caCert,
                Files.exists(user.clientCert) ? user.clientCert : sys.clientCert,
                Files.exists(user.clientKey) ? user.clientKey : sys.clientKey);
    }

    /** The CA certificates as a trust store. */
    KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates(require(caCert, "CA certificate"))) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw tlsError("Unable to load CA certificate %s: %s", caCert, e.getMessage());
        }
    }

    /** The client certificate and key as a key store, or null when the files are absent (no client auth). */
    KeyStore keyStore(char[] password) {
        if (!Files.exists(clientCert) || !Files.exists(clientKey)) {
            return null;
        }
        try {
            List<Certificate> chain = new ArrayList<>(certificates(clientCert));
            PrivateKey key = privateKey(clientKey);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw tlsError("Unable to load client certificate %s / key %s: %s", clientCert, clientKey,
                    e.getMessage());
        }
    }

    private static Path require(Path file, String what) {
        if (!Files.exists(file)) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Cannot access %s '%s': %s", what, file,
                    "No such file or directory");
        }
        return file;
    }

    private static Collection<? extends Certificate> certificates(Path file)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] pkcs8;
        if (pem.contains("BEGIN PRIVATE KEY")) {
            pkcs8 = body(pem, "PRIVATE KEY");
        } else if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            pkcs8 = rsaToPkcs8(body(pem, "RSA PRIVATE KEY"));
        } else {
            throw new GeneralSecurityException("unsupported key format (want PKCS#8 or PKCS#1 RSA PEM)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported private key algorithm");
    }

    private static byte[] body(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end, b);
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL params). */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] inner = new byte[version.length + algId.length + octet.length];
        System.arraycopy(version, 0, inner, 0, version.length);
        System.arraycopy(algId, 0, inner, version.length, algId.length);
        System.arraycopy(octet, 0, inner, version.length + algId.length, octet.length);
        return der(0x30, inner);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len;
        if (n < 0x80) {
            len = new byte[] {(byte) n};
        } else if (n < 0x100) {
            len = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            len = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    static VirtException tlsError(String format, Object... args) {
        return VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, format, args);
    }
}
