package org.jvirt.web.http;

import javax.security.auth.x500.X500Principal;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jvirt.transport.tls.TlsServer;

/**
 * jvirtd's client check for requests that came over TLS: the certificate chain was verified against the CA in
 * the handshake; here its subject must pass tls_allowed_dn_list, or the request is a 403. Requests over the unix
 * socket (file permissions) or the loopback development listener pass.
 */
public final class ClientCertGuard extends Handler.Wrapper {

    private final TlsServer tls;

    public ClientCertGuard(TlsServer tls, Handler next) {
        super(next);
        this.tls = tls;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.isSecure() && tls != null && tls.verifiesClients()) {
            Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
            X500Principal subject = null;
            if (data instanceof EndPoint.SslSessionData ssl && ssl.peerCertificates() != null
                    && ssl.peerCertificates().length > 0) {
                subject = ssl.peerCertificates()[0].getSubjectX500Principal();
            }
            if (subject == null || !tls.allows(subject)) {
                Response.writeError(request, response, callback, 403,
                        "Client's Distinguished Name is not on the list of allowed clients");
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
