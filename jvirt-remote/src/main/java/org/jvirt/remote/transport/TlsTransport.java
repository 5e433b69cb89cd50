package org.jvirt.remote.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * TLS over TCP (libvirt's {@code +tls}, port 16514): x509 with libvirt's PKI files. The handshake starts right
 * after connect; then the server sends one raw byte, 1, once it accepted our certificate — read here, before any
 * RPC, as virNetClientTLSHandshake does.
 *
 * @param noVerify {@code ?no_verify=1}: do not check the server's certificate or name
 */
public record TlsTransport(String host, int port, Pki pki, boolean noVerify) implements Transport {

    private static final char[] KEY_PASSWORD = "jvirt".toCharArray();

    @Override
    public Link dial() {
        SSLContext ctx = context();
        Socket plain = TcpTransport.socket(host, port);
        SSLSocket s = null;
        try {
            s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
            s.setUseClientMode(true);
            if (!noVerify) {
                SSLParameters p = s.getSSLParameters();
                // libvirt checks the server certificate against the host name it dialled (SAN or CN).
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
            }
            s.startHandshake();
            int confirmation = s.getInputStream().read();
            if (confirmation < 0) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "Unable to read TLS confirmation");
            }
            if (confirmation != 1) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC,
                        "server verification (of our certificate or IP address) failed");
            }
            return new TlsLink(s);
        } catch (SSLException e) {
            UnixTransport.closeQuietly(s != null ? s : plain);
            throw Pki.tlsError("TLS handshake failed %s", e.getMessage());
        } catch (IOException e) {
            UnixTransport.closeQuietly(s != null ? s : plain);
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Cannot recv data: %s",
                    TcpTransport.reason(e));
        } catch (VirtException e) {
            UnixTransport.closeQuietly(s != null ? s : plain);
            throw e;
        }
    }

    private SSLContext context() {
        try {
            TrustManager[] trust;
            if (noVerify) {
                trust = new TrustManager[] {new TrustEverything()};
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(pki.trustStore());
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            KeyStore ks = pki.keyStore(KEY_PASSWORD);
            if (ks != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, KEY_PASSWORD);
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw Pki.tlsError("Unable to create TLS client context: %s", e.getMessage());
        }
    }

    /** no_verify: the server's certificate is accepted unseen, as libvirt's client does with no_verify=1. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** An SSLSocket allows one reading and one writing thread at a time, which is what the client does. */
    private static final class TlsLink implements Link {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;

        TlsLink(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            return in.read(buf, off, len);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            out.flush();
        }

        @Override
        public boolean encrypted() {
            return true;
        }

        @Override
        public void close() {
            UnixTransport.closeQuietly(socket);
        }
    }
}
