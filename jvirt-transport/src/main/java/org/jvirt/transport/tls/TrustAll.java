package org.jvirt.transport.tls;

import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * Accepts the peer's certificate unseen: the client's {@code no_verify=1}, and the daemon's
 * {@code tls_no_verify_certificate = 1} (a certificate is still asked for, as libvirtd does).
 */
final class TrustAll implements X509TrustManager {

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
