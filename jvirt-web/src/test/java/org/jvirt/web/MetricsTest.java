package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.DomainStatsRecord;
import org.jvirt.flags.DomainStatsType;

/**
 * /metrics parsed strictly and compared with the bulk statistics of the same connection; the server's own request
 * counters and latency histogram; libvirt_up and /healthz when the connection is gone.
 */
class MetricsTest {

    @Test
    void bulkStatsUnderTheExporterNames() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            for (int i = 0; i < 5; i++) {
                w.postJson("/api/v1/domains", "{\"name\": \"m" + i + "\", \"type\": \"test\"}");
            }
            w.post("/api/v1/domains/m1/start");
            w.post("/api/v1/domains/m2/start");
            w.post("/api/v1/domains/m2/suspend");
            var r = w.get("/metrics");
            assertEquals(200, r.status());
            assertTrue(r.header("content-type").startsWith("text/plain; version=0.0.4"), r.header("content-type"));
            PromText m = PromText.parse(r.body());
            assertEquals(1.0, m.value("libvirt_up", Map.of()));
            assertEquals("gauge", m.types.get("libvirt_domain_info_vstate"));

            Connect c = w.server.connection();
            int compared = 0;
            for (DomainStatsRecord s : c.getAllDomainStats(EnumSet.noneOf(DomainStatsType.class))) {
                double state = ((Number) s.params().get("state.state")).doubleValue();
                assertEquals(state, m.value("libvirt_domain_info_vstate", Map.of("domain", s.domain().getName())),
                        s.domain().getName());
                compared++;
            }
            assertEquals(6, compared);
            assertEquals(6, m.all("libvirt_domain_info_vstate").size());
            assertEquals(3.0, m.value("libvirt_domain_info_vstate", Map.of("domain", "m2")), "paused");
            assertEquals(5.0, m.value("libvirt_domain_info_vstate", Map.of("domain", "m0")), "shut off");

            // the server's own metrics: the requests above, by route template, never by raw path
            PromText again = PromText.parse(w.get("/metrics").body());
            assertEquals(5.0, again.value("jvirt_web_http_requests_total",
                    Map.of("method", "POST", "route", "/api/v1/domains", "status", "201")));
            assertEquals(2.0, again.value("jvirt_web_http_requests_total",
                    Map.of("method", "POST", "route", "/api/v1/domains/{name}/start", "status", "200")));
            assertEquals("histogram", again.types.get("jvirt_web_http_request_duration_seconds"));
            assertEquals(5.0, again.value("jvirt_web_http_request_duration_seconds_count",
                    Map.of("method", "POST", "route", "/api/v1/domains")));
            assertEquals(1.0, again.value("jvirt_web_http_requests_total",
                    Map.of("method", "GET", "route", "/metrics", "status", "200")));
        }
    }

    @Test
    void upIsZeroAndHealthzFailsWhenTheConnectionIsGone() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            assertEquals(200, w.get("/healthz").status());
            w.server.connection().close();
            PromText m = PromText.parse(w.get("/metrics").body());
            assertEquals(0.0, m.value("libvirt_up", Map.of()));
            assertEquals(0, m.all("libvirt_domain_info_vstate").size(), "no stale domain metrics");
            assertEquals(503, w.get("/healthz").status());
        }
    }
}
