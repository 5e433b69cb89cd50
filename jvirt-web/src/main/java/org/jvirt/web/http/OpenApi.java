package org.jvirt.web.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The OpenAPI 3 document of the route table: every route, its parameters, body, answers and errors. */
public final class OpenApi {

    private OpenApi() {
    }

    public static Map<String, Object> document(List<Route> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "jvirt-web", "version", version,
                "description", "REST over libvirt's public API, as jvirt implements it. Errors carry libvirt's "
                        + "code, domain and message; long operations answer 202 with an operation to follow."));
        Map<String, Object> paths = new LinkedHashMap<>();
        TreeSet<String> tags = new TreeSet<>();
        for (Route r : routes) {
            tags.add(r.tag());
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.template(),
                    k -> new LinkedHashMap<String, Object>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("tags", List.of(r.tag()));
            op.put("summary", r.summary());
            op.put("operationId", operationId(r));
            List<Object> params = new java.util.ArrayList<>();
            for (String p : r.params()) {
                params.add(Map.of("name", p, "in", "path", "required", true, "schema", Map.of("type", "string")));
            }
            if (r.ifMatch()) {
                params.add(Map.of("name", "If-Match", "in", "header", "required", false,
                        "schema", Map.of("type", "string")));
            }
            if (!params.isEmpty()) {
                op.put("parameters", params);
            }
            Map<String, Object> content = switch (r.body()) {
                case NONE -> null;
                case JSON -> Map.of("application/json", Map.of("schema", Map.of("type", "object")));
                case XML -> Map.of("application/xml", Map.of("schema", Map.of("type", "string")));
                case XML_OR_JSON -> Map.of("application/xml", Map.of("schema", Map.of("type", "string")),
                        "application/json", Map.of("schema", Map.of("type", "object")));
                case BINARY -> Map.of("application/octet-stream", Map.of("schema",
                        Map.of("type", "string", "format", "binary")));
            };
            if (content != null) {
                op.put("requestBody", Map.of("required", true, "content", content));
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put(String.valueOf(r.success()), Map.of("description", r.success() == 202
                    ? "accepted: the operation to follow ($ref Operation)" : "success"));
            if (r.ifMatch()) {
                responses.put("412", err("the If-Match ETag names another version"));
            }
            responses.put("default", err("libvirt's error: code, domain and message"));
            op.put("responses", responses);
            item.put(r.method().toLowerCase(java.util.Locale.ROOT), op);
        }
        doc.put("tags", tags.stream().map(t -> Map.of("name", t)).toList());
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", Map.of("Error", Map.of("type", "object", "properties", Map.of(
                "error", Map.of("type", "object", "properties", Map.of(
                        "status", Map.of("type", "integer"), "code", Map.of("type", "integer"),
                        "codeName", Map.of("type", "string"), "domain", Map.of("type", "integer"),
                        "domainName", Map.of("type", "string"), "message", Map.of("type", "string"))))))));
        return doc;
    }

    private static Map<String, Object> err(String what) {
        return Map.of("description", what, "content", Map.of("application/json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
    }

    private static String operationId(Route r) {
        StringBuilder b = new StringBuilder(r.method().toLowerCase(java.util.Locale.ROOT));
        for (String s : r.segments()) {
            if (s.equals("api") || s.equals("v1")) {
                continue;
            }
            String w = s.startsWith("{") ? "By" + cap(s.substring(1, s.length() - 1)) : cap(s);
            b.append(w.replaceAll("[^A-Za-z0-9]", ""));
        }
        return b.toString();
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
