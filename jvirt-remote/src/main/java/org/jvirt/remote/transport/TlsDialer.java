package org.jvirt.remote.transport;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.transport.SocketTransport;
import org.jvirt.transport.Transport;
import org.jvirt.transport.tls.ClientPki;

/**
 * TLS over TCP (libvirt's {@code +tls}, port 16514): x509 with libvirt's PKI files. The handshake starts right
 * after connect; then the server sends one raw byte, 1, once it accepted our certificate — read here, before any
 * RPC, as virNetClientTLSHandshake does.
 *
 * @param noVerify {@code ?no_verify=1}: do not check the server's certificate or name
 */
public record TlsDialer(String host, int port, ClientPki pki, boolean noVerify) implements Dialer {

    @Override
    public Transport dial() {
        Socket plain = TcpDialer.socket(host, port);
        SSLSocket s = null;
        try {
            s = (SSLSocket) pki.context(noVerify).getSocketFactory().createSocket(plain, host, port, true);
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
            return new SocketTransport(s, true, "tls:" + host + ":" + port);
        } catch (SSLException e) {
            Transport.closeQuietly(s != null ? s : plain);
            throw ClientPki.tlsError("TLS handshake failed %s", e.getMessage());
        } catch (IOException e) {
            Transport.closeQuietly(s != null ? s : plain);
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Cannot recv data: %s",
                    TcpDialer.reason(e));
        } catch (VirtException e) {
            Transport.closeQuietly(s != null ? s : plain);
            throw e;
        }
    }
}
