package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The REST API on the real QEMU driver with the tiny TCG guest: a disk attached and detached through
 * {@code /devices} (the guest's kernel sees it come and go), then save as an operation: cancelled while it runs
 * (the guest runs on) or, when it was already done, ended; a second save runs to its end and the file holds it.
 */
class RestGuestTest {

    @Test
    @Timeout(300)
    void attachDetachAndSaveOperations() throws Exception {
        try (GuestWeb g = new GuestWeb()) {
            g.startPaused();
            ConsoleGuestTest.Bytes serial = new ConsoleGuestTest.Bytes();
            var ws = ConsoleGuestTest.open(g.web, g.web.post("/api/v1/domains/webguest/console/serial").json()
                    .get("path").asText(), serial);
            g.resume();
            serial.waitText(g.readyLine(), Duration.ofSeconds(90));

            Path img = g.dir.resolve("extra.qcow2");
            Process p = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", img.toString(), "32M")
                    .redirectErrorStream(true).start();
            assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
            String disk = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + img
                    + "'/><target dev='vdb' bus='virtio'/></disk>";
            var att = g.web.post("/api/v1/domains/webguest/devices?live=1", "application/xml", disk);
            assertEquals(204, att.status(), att.toString());
            serial.waitText("TESTGUEST-UEVENT add block vda", Duration.ofSeconds(60));
            assertTrue(g.web.get("/api/v1/domains/webguest/xml").body().contains(img.toString()));
            var det = g.web.post("/api/v1/domains/webguest/devices/detach?live=1", "application/xml", disk);
            assertEquals(204, det.status(), det.toString());
            serial.waitText("TESTGUEST-UEVENT remove block vda", Duration.ofSeconds(60));
            ws.abort();

            // a save cancelled at once: either it was still running (CANCELLED, libvirt's abort error, the guest
            // runs on) or it had already ended (409, the guest is saved and gone)
            Path first = g.dir.resolve("first.save");
            var op = g.web.postJson("/api/v1/domains/webguest/save", "{\"path\": \"" + first + "\"}");
            assertEquals(202, op.status(), op.toString());
            String id = op.json().get("id").asText();
            var cancel = g.web.delete("/api/v1/operations/" + id);
            JsonNode end = g.web.get("/api/v1/operations/" + id + "/wait?timeout=60").json();
            if (cancel.status() == 200 && end.get("status").asText().equals("CANCELLED")) {
                assertEquals("OPERATION_ABORTED", end.get("error").get("codeName").asText(), end.toString());
                assertEquals("running", g.web.get("/api/v1/domains/webguest").json().get("state").asText());
                Path second = g.dir.resolve("second.save");
                var again = g.web.postJson("/api/v1/domains/webguest/save", "{\"path\": \"" + second + "\"}");
                JsonNode done = g.web.get("/api/v1/operations/" + again.json().get("id").asText()
                        + "/wait?timeout=60").json();
                assertEquals("SUCCESS", done.get("status").asText(), done.toString());
                assertTrue(Files.size(second) > 1 << 20, "the save file holds the guest");
                System.out.println("save: cancelled while running, then saved " + Files.size(second) + " bytes");
            } else {
                assertEquals("SUCCESS", end.get("status").asText(), end.toString());
                assertEquals(100, end.get("progress").asInt());
                assertTrue(Files.size(first) > 1 << 20, "the save file holds the guest");
                System.out.println("save: ended before the cancel (" + cancel.status() + ")");
            }
            // a transient guest is gone once saved
            assertEquals(404, g.web.get("/api/v1/domains/webguest").status());
        }
    }
}
