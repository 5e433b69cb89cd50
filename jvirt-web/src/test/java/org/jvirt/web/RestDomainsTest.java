package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Domains through the REST API against the test driver: CRUD, lifecycle, ETags, snapshots, devices, errors. */
class RestDomainsTest {

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
    void listsTheDefaultDomainWithItsState() throws Exception {
        var r = w.get("/api/v1/domains");
        assertEquals(200, r.status(), r.toString());
        assertEquals("application/json", r.header("content-type"));
        JsonNode items = r.json().get("items");
        assertEquals(1, r.json().get("count").asInt());
        assertEquals("test", items.get(0).get("name").asText());
        assertEquals("running", items.get(0).get("state").asText());
        assertEquals(1, items.get(0).get("id").asInt());
    }

    @Test
    void defineFromJsonThenLifecycleThenUndefine() throws Exception {
        var created = w.postJson("/api/v1/domains", """
                {"name": "web1", "memoryMiB": 256, "vcpus": 2, "type": "test", "graphics": "vnc",
                 "disks": [{"path": "/var/lib/jvirt/images/web1.qcow2"}], "networks": ["default"]}""");
        assertEquals(201, created.status(), created.toString());
        assertEquals("shutoff", created.json().get("state").asText());
        assertEquals(2, created.json().get("vcpus").asInt());
        assertEquals(256 * 1024, created.json().get("maxMemoryKiB").asLong());
        assertNotNull(created.header("etag"));

        String xml = w.get("/api/v1/domains/web1/xml").body();
        assertTrue(xml.contains("<source file='/var/lib/jvirt/images/web1.qcow2'/>"), xml);
        assertTrue(xml.contains("<graphics type='vnc'"), xml);
        assertTrue(xml.contains("<source network='default'/>"), xml);

        assertEquals("running", w.post("/api/v1/domains/web1/start").json().get("state").asText());
        assertEquals("paused", w.post("/api/v1/domains/web1/suspend").json().get("state").asText());
        assertEquals("running", w.post("/api/v1/domains/web1/resume").json().get("state").asText());
        assertEquals("shutoff", w.post("/api/v1/domains/web1/destroy").json().get("state").asText());

        // pausing a domain that is not running: libvirt's test driver reports an internal error of the TEST
        // domain; it comes through whole (code, domain, message) as a 500
        var again = w.post("/api/v1/domains/web1/suspend");
        assertEquals(500, again.status(), again.toString());
        JsonNode err = again.json().get("error");
        assertEquals(1, err.get("code").asInt());
        assertEquals("INTERNAL_ERROR", err.get("codeName").asText());
        assertEquals(12, err.get("domain").asInt());
        assertEquals("internal error: domain 'web1' not running", err.get("message").asText());

        assertEquals(204, w.delete("/api/v1/domains/web1").status());
        var gone = w.get("/api/v1/domains/web1");
        assertEquals(404, gone.status());
        JsonNode e = gone.json().get("error");
        assertEquals(42, e.get("code").asInt());
        assertEquals("NO_DOMAIN", e.get("codeName").asText());
        assertTrue(e.get("message").asText().startsWith("Domain not found"), e.toString());
        assertTrue(e.has("domain") && e.has("domainName"), e.toString());
    }

    @Test
    void ifMatchGuardsRedefinition() throws Exception {
        var first = w.get("/api/v1/domains/test");
        String etag = first.header("etag");
        assertNotNull(etag);
        String inactive = w.get("/api/v1/domains/test/xml?inactive=1").body();
        String changed = inactive.replaceFirst("<memory unit='KiB'>\\d+</memory>", "<memory unit='KiB'>2097152</memory>");
        assertNotEquals(inactive, changed);

        var stale = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains/test/xml")).header("If-Match", "\"0000\"")
                .header("Content-Type", "application/xml").PUT(HttpRequest.BodyPublishers.ofString(changed)).build());
        assertEquals(412, stale.status(), stale.toString());
        assertEquals(inactive, w.get("/api/v1/domains/test/xml?inactive=1").body(), "nothing changed on a 412");

        var ok = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains/test/xml")).header("If-Match", etag)
                .header("Content-Type", "application/xml").PUT(HttpRequest.BodyPublishers.ofString(changed)).build());
        assertEquals(200, ok.status(), ok.toString());
        assertNotEquals(etag, ok.header("etag"));
        // the old ETag no longer matches
        var late = w.send(HttpRequest.newBuilder(w.uri("/api/v1/domains/test")).header("If-Match", etag).DELETE()
                .build());
        assertEquals(412, late.status());
    }

    @Test
    void snapshotsAndDevices() throws Exception {
        var s = w.postJson("/api/v1/domains/test/snapshots", "{\"name\": \"s1\", \"description\": \"first\"}");
        assertEquals(201, s.status(), s.toString());
        assertEquals("s1", s.json().get("name").asText());
        assertTrue(s.json().get("current").asBoolean());
        var list = w.get("/api/v1/domains/test/snapshots").json();
        assertEquals(1, list.get("count").asInt());
        assertEquals(200, w.post("/api/v1/domains/test/snapshots/s1/revert").status());
        assertEquals(204, w.delete("/api/v1/domains/test/snapshots/s1").status());
        var missing = w.get("/api/v1/domains/test/snapshots/s1");
        assertEquals(404, missing.status());
        assertEquals("NO_DOMAIN_SNAPSHOT", missing.json().get("error").get("codeName").asText());

        // libvirt's test driver has no device hot-plug: its NO_SUPPORT naming the function, as 501
        String disk = "<disk type='file' device='disk'><source file='/var/lib/jvirt/extra.img'/>"
                + "<target dev='vdb' bus='virtio'/></disk>";
        var att = w.post("/api/v1/domains/test/devices?live=1", "application/xml", disk);
        assertEquals(501, att.status(), att.toString());
        assertEquals("this function is not supported by the connection driver: virDomainAttachDeviceFlags",
                att.json().get("error").get("message").asText());
    }

    @Test
    void saveIsAnOperationEveryClientCanFollow() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jvirt-web-save");
        String path = dir.resolve("test.img").toString();
        try {
            saveThen(path);
        } finally {
            org.jvirt.driver.qemu.testing.QemuTesting.deleteTree(dir);
        }
    }

    private void saveThen(String path) throws Exception {
        var accepted = w.postJson("/api/v1/domains/test/save", "{\"path\": \"" + path + "\"}");
        assertEquals(202, accepted.status(), accepted.toString());
        String id = accepted.json().get("id").asText();
        assertEquals("save", accepted.json().get("kind").asText());
        var done = w.get("/api/v1/operations/" + id + "/wait?timeout=30");
        assertEquals("SUCCESS", done.json().get("status").asText(), done.toString());
        assertEquals(100, done.json().get("progress").asInt());
        assertEquals("shutoff", w.get("/api/v1/domains/test").json().get("state").asText());
        List<String> ids = new ArrayList<>();
        w.get("/api/v1/operations").json().get("items").forEach(o -> ids.add(o.get("id").asText()));
        assertTrue(ids.contains(id), ids.toString());
        // an ended operation cannot be cancelled
        var cancel = w.delete("/api/v1/operations/" + id);
        assertEquals(409, cancel.status(), cancel.toString());
        // saving a domain that is not running fails inside the operation, with libvirt's error
        var second = w.postJson("/api/v1/domains/test/save", "{\"path\": \"" + path + "2\"}");
        var failed = w.get("/api/v1/operations/" + second.json().get("id").asText() + "/wait?timeout=30").json();
        assertEquals("FAILURE", failed.get("status").asText(), failed.toString());
        assertEquals("OPERATION_INVALID", failed.get("error").get("codeName").asText());
        assertEquals(404, w.get("/api/v1/operations/nope").status());
    }

    @Test
    void migrateIsAnOperationCarryingTheDriversError() throws Exception {
        var bad = w.postJson("/api/v1/domains/test/migrate", "{}");
        assertEquals(400, bad.status(), bad.toString());
        var op = w.postJson("/api/v1/domains/test/migrate", "{\"destination\": \"test:///default\"}");
        assertEquals(202, op.status(), op.toString());
        assertEquals("migrate", op.json().get("kind").asText());
        JsonNode end = w.get("/api/v1/operations/" + op.json().get("id").asText() + "/wait?timeout=30").json();
        // libvirt's test driver cannot migrate: the driver's error, whole, in the operation
        assertEquals("FAILURE", end.get("status").asText(), end.toString());
        assertEquals("this function is not supported by the connection driver: virDomainMigrateToURI3",
                end.get("error").get("message").asText(), end.toString());
        assertEquals(501, end.get("error").get("status").asInt());
        assertEquals("running", w.get("/api/v1/domains/test").json().get("state").asText(), "the domain runs on");
    }
}
