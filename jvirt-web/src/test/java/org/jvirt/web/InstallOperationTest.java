package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * An OS-aware install as an operation over the test driver: the OS list comes from the osinfo database, the
 * install runs jvirt-install's Provisioner (OS defaults, a new volume, the ISO as a CD-ROM) and ends with the
 * defined VM; an unknown OS, a missing source and a taken name are refused with libvirt's or virt-install's error
 * and leave nothing behind.
 */
class InstallOperationTest {

    @Test
    void installsADebianVmFromAnIsoAsAnOperation() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            JsonNode oses = w.get("/api/v1/osinfo/os").json();
            assertTrue(oses.get("count").asInt() > 100, oses.toString());
            boolean debian11 = false;
            for (JsonNode o : oses.get("items")) {
                debian11 |= "debian11".equals(o.get("shortId").asText()) && o.get("name").asText().contains("Debian");
            }
            assertTrue(debian11);

            // the ISO as the connection sees it: a volume of the test driver's pool (as virt-install resolves it)
            var vol = w.postJson("/api/v1/pools/default-pool/volumes", "{\"name\": \"debian.iso\", \"capacity\": 1048576}");
            assertEquals(201, vol.status(), vol.toString());
            String iso = vol.json().get("path").asText();
            var r = w.postJson("/api/v1/domains/install", """
                    {"name": "inst1", "os": "debian11", "diskGiB": 2, "network": "default", "cdrom": "%s"}"""
                    .formatted(iso));
            assertEquals(202, r.status(), r.toString());
            assertEquals("install", r.json().get("kind").asText());
            JsonNode done = w.get("/api/v1/operations/" + r.json().get("id").asText() + "/wait?timeout=60").json();
            assertEquals("SUCCESS", done.get("status").asText(), done.toString());
            assertEquals("inst1", done.get("result").get("name").asText());

            var got = w.get("/api/v1/domains/inst1/xml");
            assertEquals(200, got.status(), got.toString());
            String xml = got.body();
            assertTrue(xml.contains("<memory unit='KiB'>1048576</memory>"), xml); // osinfo's recommended for debian11
            assertTrue(xml.contains("<libosinfo:os id='http://debian.org/debian/11'/>"), xml);
            assertTrue(xml.contains("device='cdrom'") && xml.contains(iso), xml);
            assertTrue(xml.contains("<source network='default'/>"), xml);
            assertTrue(xml.contains("inst1.qcow2"), xml);
        }
    }

    @Test
    void badRequestsLeaveNothingBehind() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            int domains = w.get("/api/v1/domains").json().get("count").asInt();
            var unknown = w.postJson("/api/v1/domains/install",
                    "{\"name\": \"x\", \"os\": \"debain11\", \"cdrom\": \"/tmp/x.iso\"}");
            assertEquals(400, unknown.status(), unknown.toString());
            assertTrue(unknown.body().contains("Unknown OS name 'debain11'"), unknown.body());
            var noSource = w.postJson("/api/v1/domains/install", "{\"name\": \"x\", \"os\": \"debian11\"}");
            assertEquals(400, noSource.status(), noSource.toString());
            var traversal = w.postJson("/api/v1/domains/install",
                    "{\"name\": \"x\", \"os\": \"debian11\", \"cdrom\": \"/srv/../etc/shadow\"}");
            assertEquals(400, traversal.status(), traversal.toString());
            // the name is taken: the operation fails with virt-install's error and makes no volume
            var taken = w.postJson("/api/v1/domains/install", """
                    {"name": "test", "os": "debian11", "diskGiB": 1, "cdrom": "/default-pool/nothing.iso"}""");
            assertEquals(202, taken.status(), taken.toString());
            JsonNode failed = w.get("/api/v1/operations/" + taken.json().get("id").asText() + "/wait?timeout=60")
                    .json();
            assertEquals("FAILURE", failed.get("status").asText(), failed.toString());
            assertTrue(failed.get("error").toString().contains("test"), failed.toString());
            assertEquals(domains, w.get("/api/v1/domains").json().get("count").asInt());
            for (JsonNode v : w.get("/api/v1/pools/default-pool/volumes").json().get("items")) {
                assertTrue(!v.get("name").asText().startsWith("test"), v.toString());
            }
        }
    }
}
