package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Networks, pools and volumes through the REST API against the test driver; volume clone as an operation. */
class RestStorageNetworkTest {

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
    void networksDefineStartStopUndefine() throws Exception {
        JsonNode list = w.get("/api/v1/networks").json();
        assertEquals("default", list.get("items").get(0).get("name").asText());
        var def = w.post("/api/v1/networks", "application/xml", """
                <network><name>webnet</name><bridge name='webbr0'/>
                <ip address='192.168.150.1' netmask='255.255.255.0'/></network>""");
        assertEquals(201, def.status(), def.toString());
        assertEquals(false, def.json().get("active").asBoolean());
        assertEquals(true, w.post("/api/v1/networks/webnet/start").json().get("active").asBoolean());
        assertTrue(w.get("/api/v1/networks/webnet/xml").body().contains("192.168.150.1"));
        assertEquals(false, w.post("/api/v1/networks/webnet/stop").json().get("active").asBoolean());
        String etag = w.get("/api/v1/networks/webnet").header("etag");
        var stale = w.send(HttpRequest.newBuilder(w.uri("/api/v1/networks/webnet")).header("If-Match", "\"x\"")
                .DELETE().build());
        assertEquals(412, stale.status());
        var del = w.send(HttpRequest.newBuilder(w.uri("/api/v1/networks/webnet")).header("If-Match", etag)
                .DELETE().build());
        assertEquals(204, del.status(), del.toString());
        var gone = w.get("/api/v1/networks/webnet");
        assertEquals(404, gone.status());
        assertEquals("NO_NETWORK", gone.json().get("error").get("codeName").asText());
    }

    @Test
    void volumesCreateCloneUploadDownloadDelete() throws Exception {
        JsonNode pools = w.get("/api/v1/pools").json();
        assertEquals("default-pool", pools.get("items").get(0).get("name").asText());
        var vol = w.postJson("/api/v1/pools/default-pool/volumes", "{\"name\": \"a.img\", \"capacity\": 1048576}");
        assertEquals(201, vol.status(), vol.toString());
        assertEquals(1048576, vol.json().get("capacity").asLong());

        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        var up = w.send(HttpRequest.newBuilder(w.uri("/api/v1/pools/default-pool/volumes/a.img/content"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build());
        assertEquals(200, up.status(), up.toString());
        assertEquals(data.length, up.json().get("bytes").asLong());

        var clone = w.postJson("/api/v1/pools/default-pool/volumes/a.img/clone", "{\"name\": \"b.img\"}");
        assertEquals(202, clone.status(), clone.toString());
        var op = w.get("/api/v1/operations/" + clone.json().get("id").asText() + "/wait").json();
        assertEquals("SUCCESS", op.get("status").asText(), op.toString());
        assertEquals("b.img", op.get("result").get("name").asText());

        HttpResponse<byte[]> down = w.http.send(HttpRequest.newBuilder(
                w.uri("/api/v1/pools/default-pool/volumes/b.img/content")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, down.statusCode());
        assertEquals(1048576, down.body().length);
        assertArrayEquals(data, java.util.Arrays.copyOf(down.body(), data.length), "the clone holds the upload");

        List<String> names = new ArrayList<>();
        w.get("/api/v1/pools/default-pool/volumes").json().get("items").forEach(v -> names.add(v.get("name").asText()));
        assertTrue(names.containsAll(List.of("a.img", "b.img")), names.toString());
        assertEquals(204, w.delete("/api/v1/pools/default-pool/volumes/b.img").status());
        var gone = w.get("/api/v1/pools/default-pool/volumes/b.img");
        assertEquals(404, gone.status());
        assertEquals("NO_STORAGE_VOL", gone.json().get("error").get("codeName").asText());
        var dup = w.postJson("/api/v1/pools/default-pool/volumes", "{\"name\": \"a.img\", \"capacity\": 1}");
        assertEquals(500, dup.status(), dup.toString()); // the test driver's OPERATION_FAILED, as libvirt's
        assertEquals("operation failed: storage vol already exists",
                dup.json().get("error").get("message").asText());
    }

    @Test
    void hostOverviewAndOpenApiFromTheRouteTable() throws Exception {
        JsonNode host = w.get("/api/v1/host").json();
        assertEquals("TEST", host.get("driver").asText());
        assertEquals(1, host.get("domains").asInt());
        assertEquals(16, host.get("cpus").asInt());

        var doc = w.get("/openapi.json");
        assertEquals(200, doc.status());
        JsonNode api = doc.json();
        assertEquals("3.0.3", api.get("openapi").asText());
        int ops = 0;
        for (var r : w.server.routes()) {
            JsonNode op = api.get("paths").path(r.template()).path(r.method().toLowerCase());
            assertTrue(op.isObject(), "route " + r.method() + " " + r.template() + " is in the document");
            assertEquals(r.summary(), op.get("summary").asText());
            assertTrue(op.get("responses").has(String.valueOf(r.success())));
            ops++;
        }
        assertTrue(ops > 40, "routes: " + ops);
        assertEquals("string", api.at("/paths/~1api~1v1~1domains~1{name}/get/parameters/0/schema/type").asText());
        assertTrue(api.at("/paths/~1api~1v1~1domains~1{name}~1xml/put/responses").has("412"));
        assertTrue(api.at("/paths/~1api~1v1~1domains~1{name}~1save/post/responses").has("202"));
        assertEquals("ok\n", w.get("/healthz").body());
    }
}
