package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Volume upload and download as operations over the test driver: the operation exists (202, its data path) before
 * any byte moves, its progress reaches 100 with the copy, the bytes round-trip; cancelling before the data comes,
 * the wrong direction, too many bytes and an unknown operation each get a clear 4xx and leave no operation running.
 */
class TransferOperationsTest {

    private static final int SIZE = 3 << 20;

    private static JsonNode waitEnd(WebFixture w, String id) throws Exception {
        return w.get("/api/v1/operations/" + id + "/wait?timeout=30").json();
    }

    private static void volume(WebFixture w, String name) throws Exception {
        var r = w.postJson("/api/v1/pools/default-pool/volumes", "{\"name\": \"" + name + "\", \"capacity\": " + SIZE
                + "}");
        assertEquals(201, r.status(), r.toString());
    }

    @Test
    void uploadThenDownloadThroughOperations() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            volume(w, "up.img");
            byte[] data = new byte[SIZE];
            new Random(7).nextBytes(data);
            var up = w.postJson("/api/v1/pools/default-pool/volumes/up.img/upload", "{\"length\": " + SIZE + "}");
            assertEquals(202, up.status(), up.toString());
            String id = up.json().get("id").asText();
            assertEquals("upload", up.json().get("kind").asText());
            assertEquals("/api/v1/operations/" + id + "/data", up.json().get("data").asText());
            JsonNode before = w.get("/api/v1/operations/" + id).json();
            assertEquals("RUNNING", before.get("status").asText());
            assertTrue(before.get("mayCancel").asBoolean());

            var put = w.send(HttpRequest.newBuilder(w.uri("/api/v1/operations/" + id + "/data"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build());
            assertEquals(200, put.status(), put.toString());
            assertEquals(SIZE, put.json().get("bytes").asInt());
            JsonNode done = waitEnd(w, id);
            assertEquals("SUCCESS", done.get("status").asText(), done.toString());
            assertEquals(100, done.get("progress").asInt());
            assertEquals(SIZE, done.get("result").get("bytes").asInt());
            // the data path is used up: a second sender is refused
            var again = w.send(HttpRequest.newBuilder(w.uri("/api/v1/operations/" + id + "/data"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1])).build());
            assertEquals(404, again.status(), again.toString());

            var down = w.post("/api/v1/pools/default-pool/volumes/up.img/download");
            assertEquals(202, down.status(), down.toString());
            String did = down.json().get("id").asText();
            HttpResponse<byte[]> bytes = w.http.send(HttpRequest.newBuilder(w.uri("/api/v1/operations/" + did
                    + "/data")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, bytes.statusCode());
            assertEquals(SIZE, bytes.body().length);
            assertArrayEquals(data, bytes.body());
            JsonNode ddone = waitEnd(w, did);
            assertEquals("SUCCESS", ddone.get("status").asText(), ddone.toString());
            assertEquals(100, ddone.get("progress").asInt());
        }
    }

    @Test
    void cancelWrongDirectionTooManyBytesUnknown() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            volume(w, "c.img");
            // cancelled before anyone sends: the operation ends CANCELLED and its data path is gone
            String id = w.postJson("/api/v1/pools/default-pool/volumes/c.img/upload", "{\"length\": 10}").json()
                    .get("id").asText();
            assertEquals(200, w.delete("/api/v1/operations/" + id).status());
            JsonNode cancelled = waitEnd(w, id);
            assertEquals("CANCELLED", cancelled.get("status").asText(), cancelled.toString());
            var late = w.send(HttpRequest.newBuilder(w.uri("/api/v1/operations/" + id + "/data"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build());
            assertEquals(404, late.status(), late.toString());

            // reading the data of an upload
            String up = w.postJson("/api/v1/pools/default-pool/volumes/c.img/upload", "{\"length\": 4}").json()
                    .get("id").asText();
            var wrong = w.get("/api/v1/operations/" + up + "/data");
            assertEquals(405, wrong.status(), wrong.toString());
            // more bytes than announced: 400, the operation fails, the volume keeps its size
            var more = w.send(HttpRequest.newBuilder(w.uri("/api/v1/operations/" + up + "/data"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build());
            assertEquals(400, more.status(), more.toString());
            assertEquals("FAILURE", waitEnd(w, up).get("status").asText());
            assertEquals(SIZE, w.get("/api/v1/pools/default-pool/volumes/c.img").json().get("capacity").asInt());

            var missing = w.postJson("/api/v1/pools/default-pool/volumes/c.img/upload", "{}");
            assertEquals(400, missing.status(), missing.toString());
            var unknown = w.get("/api/v1/operations/" + "0".repeat(8) + "/data");
            assertEquals(404, unknown.status(), unknown.toString());
            var noVolume = w.post("/api/v1/pools/default-pool/volumes/nope.img/download");
            assertEquals(404, noVolume.status(), noVolume.toString());

            assertEquals(0, countRunning(w.get("/api/v1/operations").json()));
        }
    }

    private static long countRunning(JsonNode page) {
        long n = 0;
        for (JsonNode op : page.path("items")) {
            if ("RUNNING".equals(op.path("status").asText())) {
                n++;
            }
        }
        return n;
    }
}
