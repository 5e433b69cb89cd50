package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad requests get a clear 4xx with libvirt's error shape and change nothing: malformed JSON, an unknown route, a
 * wrong method, a body too large (announced or not), object names that are paths, and path traversal in the
 * static file routes sent raw on a socket (so no client library normalises them first).
 */
class BadInputTest {

    private WebFixture w;

    @BeforeEach
    void start() throws Exception {
        w = new WebFixture("test:///default");
    }

    @AfterEach
    void stop() throws Exception {
        w.close();
    }

    @Test
    void malformedJsonIsA400NamingThePlace() throws Exception {
        var r = w.postJson("/api/v1/domains", "{\"name\": \"x\", ");
        assertEquals(400, r.status(), r.toString());
        assertEquals("INVALID_ARG", r.json().get("error").get("codeName").asText());
        assertTrue(r.json().get("error").get("message").asText().contains("malformed JSON at line 1"), r.toString());
        var notObject = w.postJson("/api/v1/domains", "[1, 2]");
        assertEquals(400, notObject.status());
        var noName = w.postJson("/api/v1/domains", "{\"memoryMiB\": 1}");
        assertEquals(400, noName.status());
        assertTrue(noName.json().get("error").get("message").asText().contains("'name'"), noName.toString());
        var badMem = w.postJson("/api/v1/domains", "{\"name\": \"m\", \"memoryMiB\": -5}");
        assertEquals(400, badMem.status());
        var badXml = w.post("/api/v1/domains", "application/xml", "<domain type='test'><name>broken");
        assertEquals(400, badXml.status(), badXml.toString());
        assertEquals(1, w.get("/api/v1/domains").json().get("count").asInt(), "nothing was defined");
    }

    @Test
    void unknownRouteAndWrongMethod() throws Exception {
        var r = w.get("/api/v1/nonsense");
        assertEquals(404, r.status());
        assertTrue(r.json().get("error").get("message").asText().contains("no route for GET /api/v1/nonsense"));
        var m = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains/test"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, m.status());
        assertTrue(m.header("allow").contains("GET"), m.header("allow"));
        assertEquals(404, w.get("/no/such/file.html").status());
    }

    @Test
    void hugeBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        byte[] big = new byte[3 << 20];
        java.util.Arrays.fill(big, (byte) ' ');
        var r = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertEquals(413, r.status(), r.toString());
        // the same without a length (chunked): cut off at the limit
        var chunked = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big))).build());
        assertEquals(413, chunked.status(), chunked.toString());
        assertEquals(200, w.get("/api/v1/domains").status(), "the server serves on");
    }

    @Test
    void objectNamesAreNeverPaths() throws Exception {
        assertEquals(400, w.get("/api/v1/domains/..%5C..%5Cetc/xml").status());
        var dots = raw("GET /api/v1/domains/%2e%2e HTTP/1.1");
        assertTrue(dots.startsWith("HTTP/1.1 400"), dots);
    }

    @Test
    void pathTraversalInStaticRoutesIsA400AndReadsNothing() throws Exception {
        Path secret = Files.createTempFile("jvirt-web-secret", ".txt");
        try {
            Files.writeString(secret, "SECRET-CONTENT");
            String rel = "../../../../../../../../.." + secret;
            String[] attempts = {
                "GET /" + rel + " HTTP/1.1",
                "GET /vendor/../../../../../../../../.." + secret + " HTTP/1.1",
                "GET /%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e" + secret + " HTTP/1.1",
                "GET /vendor/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f" + secret.toString().substring(1) + " HTTP/1.1",
                "GET /vendor/%252e%252e/%252e%252e" + secret + " HTTP/1.1",
                "GET /..\\..\\..\\..\\..\\..\\etc\\passwd HTTP/1.1",
                "GET //etc/passwd HTTP/1.1",
                "GET /.hidden HTTP/1.1",
                "GET /org/jvirt/web/WebServer.class HTTP/1.1",
            };
            for (String a : attempts) {
                String resp = raw(a);
                int status = Integer.parseInt(resp.substring(9, 12));
                assertTrue(status >= 400 && status < 500, a + " -> " + resp.lines().findFirst().orElse(""));
                assertFalse(resp.contains("SECRET-CONTENT") || resp.contains("root:x:0:0"), a + " leaked: " + resp);
            }
            assertEquals("SECRET-CONTENT", Files.readString(secret), "no effect on the host");
            assertEquals(200, w.get("/").status(), "the UI is still served");
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test
    void crossOriginChangesAndWebsocketsAreRefused() throws Exception {
        var evil = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains/test/destroy"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, evil.status(), evil.toString());
        assertEquals("running", w.get("/api/v1/domains/test").json().get("state").asText(), "nothing happened");
        var u = w.server.baseUri();
        var own = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains/test/suspend"))
                .header("Origin", "http://" + u.getHost() + ":" + u.getPort())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, own.status(), own.toString());
        w.post("/api/v1/domains/test/resume");
        // a cross-site page may read nothing through the events websocket either
        var ws = raw("GET /api/v1/events HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Origin: http://evil.example");
        assertTrue(ws.startsWith("HTTP/1.1 403"), ws);
    }

    /** One request line sent as is; returns the whole response. */
    private String raw(String requestLine) throws Exception {
        var u = w.server.baseUri();
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
