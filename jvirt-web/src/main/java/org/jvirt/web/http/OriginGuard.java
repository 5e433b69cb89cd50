package org.jvirt.web.http;

import java.net.URI;
import java.util.Locale;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cross-site request refusal. A browser adds its cookies and client certificate to requests any web page makes,
 * and the loopback development mode has no authentication at all, so a page from elsewhere could otherwise
 * POST a destroy or open the events websocket. Browsers send {@code Origin} on such requests: a changing request
 * or a websocket upgrade whose Origin is not this server's own is a 403. Clients that are not browsers (curl,
 * SDKs) send no Origin and are not affected.
 */
public final class OriginGuard extends Handler.Wrapper {

    public OriginGuard(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))
                || "CONNECT".equals(method);
        boolean changes = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if ((changes || upgrade) && origin != null && !sameOrigin(origin, request)) {
            Response.writeError(request, response, callback, 403, "cross-origin request refused: " + origin);
            return true;
        }
        return super.handle(request, response, callback);
    }

    static boolean sameOrigin(String origin, Request request) {
        URI o;
        try {
            o = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (o.getScheme() == null || o.getHost() == null) {
            return false;
        }
        String scheme = request.isSecure() ? "https" : "http";
        String host = Request.getServerName(request);
        int port = Request.getServerPort(request);
        int oport = o.getPort() >= 0 ? o.getPort() : (o.getScheme().equals("https") ? 443 : 80);
        return o.getScheme().toLowerCase(Locale.ROOT).equals(scheme)
                && o.getHost().replaceAll("^\\[|\\]$", "").equalsIgnoreCase(host.replaceAll("^\\[|\\]$", ""))
                && oport == port;
    }
}
