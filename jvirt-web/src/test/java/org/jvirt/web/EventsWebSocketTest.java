package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The events websocket: lifecycle events of domains and every step of an operation, as JSON texts in order. */
class EventsWebSocketTest {

    /** Collects a websocket's texts. */
    static final class Texts implements WebSocket.Listener {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                queue.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next(String type) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String t = queue.poll(1, TimeUnit.SECONDS);
                if (t != null) {
                    JsonNode n = WebFixture.JSON.readTree(t);
                    if (n.get("type").asText().equals(type)) {
                        return n;
                    }
                }
            }
            throw new AssertionError("no " + type + " event");
        }
    }

    static WebSocket open(WebFixture w, String path, WebSocket.Listener l) throws Exception {
        URI u = w.server.baseUri();
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + u.getHost() + ":" + u.getPort() + path), l).get(10, TimeUnit.SECONDS);
    }

    @Test
    void lifecycleAndOperationEvents() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            Texts t = new Texts();
            WebSocket ws = open(w, "/api/v1/events", t);
            w.post("/api/v1/domains/test/suspend");
            JsonNode e = t.next("domain");
            assertEquals("test", e.get("domain").asText());
            assertEquals("Suspended", e.get("event").asText());
            w.post("/api/v1/domains/test/resume");
            assertEquals("Resumed", t.next("domain").get("event").asText());

            java.nio.file.Path save = java.nio.file.Files.createTempFile("jvirt-web-ev", ".img");
            java.nio.file.Files.delete(save);
            w.postJson("/api/v1/domains/test/save", "{\"path\": \"" + save + "\"}");
            JsonNode op = t.next("operation").get("operation");
            assertNotNull(op.get("id"));
            assertEquals("save", op.get("kind").asText());
            String status = op.get("status").asText();
            while (!status.equals("SUCCESS")) {
                JsonNode n = t.next("operation").get("operation");
                status = n.get("status").asText();
                assertEquals(op.get("id").asText(), n.get("id").asText());
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            java.nio.file.Files.deleteIfExists(save);
        }
    }

    /** Jetty cuts a silent websocket after 30 s by default; a console or an events page must outlive that. */
    @Test
    void aSilentWebsocketStaysOpen() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            Texts t = new Texts();
            WebSocket ws = open(w, "/api/v1/events", t);
            Thread.sleep(35_000);
            w.post("/api/v1/domains/test/suspend");
            assertEquals("Suspended", t.next("domain").get("event").asText());
            ws.abort();
        }
    }
}
