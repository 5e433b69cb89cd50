package org.jvirt.web.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Dispatches requests on the route table. A path under one of the API prefixes that matches no route is a JSON
 * 404 (405 when only the method is wrong); any other path is left to the next handler (the static files).
 * Exceptions become JSON errors here and nowhere else.
 */
public final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());

    private final List<Route> routes;
    private final List<String> prefixes;
    private final ObjectMapper json;
    private final long maxBody;
    private final RequestObserver observer;

    public ApiHandler(List<Route> routes, List<String> prefixes, ObjectMapper json, long maxBody,
                      RequestObserver observer) {
        super(InvocationType.BLOCKING);
        this.routes = List.copyOf(routes);
        this.prefixes = List.copyOf(prefixes);
        this.json = json;
        this.maxBody = maxBody;
        this.observer = observer;
    }

    public List<Route> routes() {
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        List<String> segs = Route.split(path);
        Route found = null;
        Map<String, String> params = null;
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            Map<String, String> p = match(r.segments(), segs);
            if (p == null) {
                continue;
            }
            if (r.method().equals(request.getMethod())) {
                found = r;
                params = p;
                break;
            }
            allowed.add(r.method());
        }
        if (found == null) {
            if (!allowed.isEmpty()) {
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
                send(response, callback, ApiError.of(405, ErrorNumber.NO_SUPPORT, request.getMethod() + " " + path));
                observe(request, "(unmatched)", 405, System.nanoTime());
                return true;
            }
            if (prefixes.stream().anyMatch(path::startsWith)) {
                send(response, callback, ApiError.of(404, ErrorNumber.NO_SUPPORT, "no route for "
                        + request.getMethod() + " " + path));
                observe(request, "(unmatched)", 404, System.nanoTime());
                return true;
            }
            return false;
        }
        long t0 = System.nanoTime();
        int status;
        try {
            for (String v : params.values()) {
                checkName(v);
            }
            Result res = found.handler().handle(new Call(request, params, maxBody, json));
            status = res.status();
            send(response, callback, res);
        } catch (ApiError e) {
            status = e.status();
            send(response, callback, e);
        } catch (VirtException e) {
            ApiError a = ApiError.from(e);
            status = a.status();
            send(response, callback, a);
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "request " + request.getMethod() + " " + path + " failed", e);
            ApiError a = ApiError.of(500, ErrorNumber.INTERNAL_ERROR, e.toString());
            status = 500;
            send(response, callback, a);
        }
        observe(request, found.template(), status, t0);
        return true;
    }

    private void observe(Request request, String route, int status, long t0) {
        observer.observe(request.getMethod(), route, status, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A path parameter names an object (domain, pool, volume, snapshot): never a path. Jetty has already refused
     * encoded slashes and dot segments in the raw URI; this refuses what is left after decoding.
     */
    static void checkName(String v) {
        if (v.isEmpty() || v.equals(".") || v.equals("..") || v.indexOf('/') >= 0 || v.indexOf('\\') >= 0
                || v.chars().anyMatch(c -> c < 0x20)) {
            throw ApiError.badRequest("'" + v.replaceAll("\\p{Cntrl}", "?") + "' is not a valid object name");
        }
    }

    private static Map<String, String> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (t.startsWith("{")) {
                params.put(t.substring(1, t.length() - 1),
                        java.net.URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params;
    }

    private void send(Response response, Callback callback, ApiError e) {
        if (e.status() == 413) {
            // the rest of the body was not read: this connection cannot carry another request
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        send(response, callback, new Result.Json(e.status(), e.body(), null));
    }

    private void send(Response response, Callback callback, Result res) {
        if (res instanceof Result.Streamed st) {
            stream(response, callback, st);
            return;
        }
        try {
            response.setStatus(res.status());
            byte[] data;
            switch (res) {
                case Result.Json j -> {
                    data = json.writeValueAsBytes(j.value());
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    etag(response, j.etag());
                }
                case Result.Bytes b -> {
                    data = b.data();
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, b.contentType());
                    etag(response, b.etag());
                }
                case Result.Empty x -> data = new byte[0];
                case Result.Streamed x -> throw new IllegalStateException("streamed above");
            }
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, data.length);
            response.write(true, ByteBuffer.wrap(data), callback);
        } catch (Exception e) {
            callback.failed(e);
        }
    }

    private static void stream(Response response, Callback callback, Result.Streamed st) {
        response.setStatus(st.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, st.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try (java.io.OutputStream out = org.eclipse.jetty.io.Content.Sink.asOutputStream(response)) {
            st.writer().write(out);
        } catch (Exception e) {
            LOG.log(Level.FINE, "streamed response cut short", e);
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private static void etag(Response response, String etag) {
        if (etag != null) {
            response.getHeaders().put(HttpHeader.ETAG, etag);
        }
    }
}
