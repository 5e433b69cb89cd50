package org.jvirt.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web UI and the bundled noVNC and xterm.js, served from the jar's {@code webroot}. Only GET and HEAD of
 * paths made of plain name characters are looked up; a dot segment, a backslash, an encoded or doubled slash is a
 * 400 before any lookup, so no path can leave the webroot; anything else missing is a 404.
 */
public final class StaticFiles extends Handler.Abstract {

    private static final String ROOT = "org/jvirt/web/webroot/";
    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_][A-Za-z0-9._-]*)*/?");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "json", "application/json",
            "txt", "text/plain; charset=utf-8", "ico", "image/x-icon");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String raw = request.getHttpURI().getPath();
        String path = Request.getPathInContext(request);
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            Response.writeError(request, response, callback, 405);
            return true;
        }
        if (raw == null || !raw.equals(path) || !SAFE.matcher(path).matches() || path.contains("/.")) {
            Response.writeError(request, response, callback, 400, "bad path");
            return true;
        }
        String name = path.endsWith("/") ? path + "index.html" : path;
        URL url = StaticFiles.class.getClassLoader().getResource(ROOT + name.substring(1));
        if (url == null || url.getPath().endsWith("/")) {
            Response.writeError(request, response, callback, 404);
            return true;
        }
        byte[] data;
        try (InputStream in = url.openStream()) {
            data = in.readAllBytes();
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, data.length);
        response.write(true, request.getMethod().equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(data),
                callback);
        return true;
    }
}
