package org.jvirt.web.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the route table: method, path template ({@code /domains/{name}}), what it does, what it takes and
 * answers, and its handler. The router dispatches on it and the OpenAPI document is generated from it, so the two
 * cannot drift apart.
 *
 * @param method   HTTP method
 * @param template path with {@code {param}} segments
 * @param tag      the resource group (OpenAPI tag)
 * @param summary  what the route does, one line
 * @param body     what the request body holds
 * @param success  the status of a successful answer (200, 201, 202 for an operation, 204)
 * @param ifMatch  whether the route honours If-Match against the resource's ETag
 * @param handler  the code
 */
public record Route(String method, String template, String tag, String summary, Body body, int success,
                    boolean ifMatch, Handler handler) {

    /** What a request body holds. */
    public enum Body {
        NONE, JSON, XML_OR_JSON, XML, BINARY
    }

    /** The route's code: reads the call, answers with a result; VirtException becomes libvirt's error. */
    @FunctionalInterface
    public interface Handler {
        Result handle(Call call) throws Exception;
    }

    /** The template split into segments; a segment in braces is a parameter. */
    public List<String> segments() {
        return split(template);
    }

    public List<String> params() {
        List<String> out = new ArrayList<>();
        for (String s : segments()) {
            if (s.startsWith("{")) {
                out.add(s.substring(1, s.length() - 1));
            }
        }
        return out;
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
