package org.jvirt.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.jvirt.ErrorNumber;

/**
 * One API request as a route sees it: the path parameters, the query, the body (read once, at most
 * {@link #maxBody} bytes: a larger one is refused with 413 before it is all read), and the If-Match precondition.
 */
public final class Call {

    private final Request request;
    private final Map<String, String> params;
    private final long maxBody;
    private final ObjectMapper json;
    private Fields query;
    private byte[] body;

    Call(Request request, Map<String, String> params, long maxBody, ObjectMapper json) {
        this.request = request;
        this.params = params;
        this.maxBody = maxBody;
        this.json = json;
    }

    public Request request() {
        return request;
    }

    /** A path parameter; the router has already refused values that are not plain names. */
    public String param(String name) {
        return params.get(name);
    }

    public String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query.getValue(name);
    }

    public boolean flag(String name) {
        String v = query(name);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    public String header(HttpHeader h) {
        return request.getHeaders().get(h);
    }

    public String contentType() {
        String t = header(HttpHeader.CONTENT_TYPE);
        return t == null ? "" : t.toLowerCase(java.util.Locale.ROOT);
    }

    /** How much of an oversized body of unannounced length is read and dropped before the 413. */
    static final long DRAIN_LIMIT = 16L << 20;

    /** Reads and drops what is left of a stream, up to the drain limit. */
    private static void drain(InputStream in) throws IOException {
        long n = 0;
        byte[] sink = new byte[64 * 1024];
        int r;
        while (n < DRAIN_LIMIT && (r = in.read(sink, 0, (int) Math.min(sink.length, DRAIN_LIMIT - n))) > 0) {
            n += r;
        }
    }

    /** The whole body; 413 when it is larger than the limit, whether or not the client announced its length. */
    public byte[] body() throws IOException {
        if (body != null) {
            return body;
        }
        long declared = request.getLength();
        if (declared > maxBody) {
            throw ApiError.of(413, ErrorNumber.INVALID_ARG, "request body of " + declared + " bytes is larger than "
                    + maxBody);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] got = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            if (got.length > maxBody) {
                // a client that sends without announcing the length is still sending: read (and drop) a bounded
                // rest so that it can read the 413, instead of a connection reset in the middle of its upload
                drain(in);
                throw ApiError.of(413, ErrorNumber.INVALID_ARG, "request body is larger than " + maxBody + " bytes");
            }
            body = got;
        }
        return body;
    }

    public String bodyText() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The body as a JSON object; malformed JSON or another JSON type is a 400 naming the problem. */
    public JsonNode jsonBody() throws IOException {
        byte[] b = body();
        if (b.length == 0) {
            throw ApiError.badRequest("a JSON object is required in the request body");
        }
        JsonNode n;
        try {
            n = json.readTree(b);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw ApiError.badRequest("the request body must be a JSON object");
        }
        return n;
    }

    /** Whether the body is XML (by its media type, or by its first character when none is given). */
    public boolean bodyIsXml() throws IOException {
        String t = contentType();
        if (t.contains("xml")) {
            return true;
        }
        if (t.contains("json")) {
            return false;
        }
        String s = bodyText().stripLeading();
        return s.startsWith("<");
    }

    /** If-Match against the resource's current ETag: 412 when it names another version. */
    public void checkIfMatch(String currentEtag) {
        String want = header(HttpHeader.IF_MATCH);
        if (want == null || want.equals("*")) {
            return;
        }
        for (String w : want.split(",")) {
            if (w.trim().equals(currentEtag)) {
                return;
            }
        }
        throw ApiError.of(412, ErrorNumber.OPERATION_INVALID, "If-Match " + want
                + " does not match the current version " + currentEtag);
    }

    /** A required string member of a JSON body. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw ApiError.badRequest("'" + field + "' (a non-empty string) is required");
        }
        return v.asText();
    }
}
