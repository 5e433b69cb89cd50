package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.DomainState;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.Daemon;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * jvirt-web serves any URI: here a remote one, through a jvirtd on a unix socket (jvirt's remote driver and XDR),
 * with the same answers, errors, events and metrics as the local test driver, and changes visible to the daemon's
 * other clients. The daemon's bulk-stats procedure (added for this) also answers real virsh's domstats.
 */
class RemoteUriTest {

    @Test
    void throughJvirtd() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-web-remote");
        DaemonConfig config = DaemonConfig.from(ConfFile.parse("""
                unix_sock_dir = "%s"
                listen_tcp = 0
                listen_tls = 0
                """.formatted(dir.resolve("run")), "web-test.conf"));
        try (Connect local = Connect.open("test:///default"); Daemon daemon = new Daemon(config, true, 0)) {
            daemon.start();
            String uri = "test+unix:///default?socket=" + daemon.socketPath();
            try (WebFixture w = new WebFixture(uri)) {
                assertEquals("test", w.get("/api/v1/domains").json().get("items").get(0).get("name").asText());
                EventsWebSocketTest.Texts ev = new EventsWebSocketTest.Texts();
                var ws = EventsWebSocketTest.open(w, "/api/v1/events", ev);
                assertEquals("paused", w.post("/api/v1/domains/test/suspend").json().get("state").asText());
                assertEquals(DomainState.PAUSED, local.domainLookupByName("test").getState().state(),
                        "the daemon's state changed");
                assertEquals("Suspended", ev.next("domain").get("event").asText(), "events through the daemon");
                ws.abort();
                var missing = w.get("/api/v1/domains/nope");
                assertEquals(404, missing.status());
                assertEquals("NO_DOMAIN", missing.json().get("error").get("codeName").asText());
                PromText m = PromText.parse(w.get("/metrics").body());
                assertEquals(1.0, m.value("libvirt_up", Map.of()));
                assertEquals(3.0, m.value("libvirt_domain_info_vstate", Map.of("domain", "test")));
                // the same bulk-stats procedure, called by real virsh against the same daemon
                Process virsh = new ProcessBuilder("virsh", "-c", uri, "domstats", "--state").redirectErrorStream(true)
                        .start();
                String out = new String(virsh.getInputStream().readAllBytes());
                assertEquals(0, virsh.waitFor(), out);
                assertTrue(out.contains("Domain: 'test'") && out.contains("state.state=3"), out);
                w.post("/api/v1/domains/test/resume");
            }
        } finally {
            QemuTesting.deleteTree(dir);
        }
    }
}
