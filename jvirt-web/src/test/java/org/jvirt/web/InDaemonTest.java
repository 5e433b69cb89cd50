package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.Daemon;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * jvirt-web inside jvirtd, started from the daemon's config (web_listen, web_tls, web_uri): the REST API and
 * /metrics answer on the configured address over the daemon's own driver state (a change made by a client of
 * the daemon's socket is what the web server shows), with the daemon's x509 files when web_tls = 1, and the
 * web server stops with the daemon.
 */
class InDaemonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesRestAndMetricsAndStopsWithTheDaemon() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-web-indaemon");
        int port = freePort();
        DaemonConfig config = DaemonConfig.from(ConfFile.parse("""
                unix_sock_dir = "%s"
                listen_tcp = 0
                listen_tls = 0
                web_listen = "127.0.0.1:%d"
                web_uri = "test:///default"
                """.formatted(dir.resolve("run"), port), "jvirtd-web.conf"));
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        Daemon daemon = new Daemon(config, true, 0);
        try {
            daemon.start();
            JsonNode list = JSON.readTree(get(http, base.resolve("/api/v1/domains")).body());
            assertEquals("test", list.get("items").get(0).get("name").asText());
            assertEquals("running", list.get("items").get(0).get("state").asText());

            // a client of the daemon's socket pauses the domain; the web server sees the daemon's state
            try (Connect c = Connect.open("test+unix:///default?socket=" + daemon.socketPath())) {
                c.domainLookupByName("test").suspend();
                JsonNode one = JSON.readTree(get(http, base.resolve("/api/v1/domains/test")).body());
                assertEquals("paused", one.get("state").asText(), one.toString());
                PromText m = PromText.parse(get(http, base.resolve("/metrics")).body());
                assertEquals(1.0, m.value("libvirt_up", Map.of()));
                assertEquals(3.0,
                        m.value("libvirt_domain_info_vstate", Map.of("domain", "test")));
                assertEquals(1.0, m.value("jvirtd_clients", Map.of()), "the daemon's own gauges");
                assertEquals(0.0, m.value("jvirtd_calls_in_progress", Map.of()));
                c.domainLookupByName("test").resume();
            }
        } finally {
            daemon.stop();
            QemuTesting.deleteTree(dir);
        }
        assertThrows(ConnectException.class, () -> get(http, base.resolve("/healthz")),
                "the web server stopped with the daemon");
    }

    @Test
    void httpsWithTheDaemonsOwnFiles() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-web-indaemon-tls");
        OpensslPki pki = new OpensslPki(dir);
        pki.issue("alice", "/O=jvirt/CN=alice", "extendedKeyUsage=clientAuth");
        pki.issue("mallory", "/O=elsewhere/CN=mallory", "extendedKeyUsage=clientAuth");
        int port = freePort();
        String x509 = Files.readString(pki.jvirtdConf("O=jvirt,CN=*"));
        DaemonConfig config = DaemonConfig.from(ConfFile.parse(x509 + """
                unix_sock_dir = "%s"
                listen_tcp = 0
                listen_tls = 0
                web_listen = ["127.0.0.1:%d"]
                web_tls = 1
                web_uri = "test:///default"
                """.formatted(dir.resolve("run"), port), "jvirtd-web-tls.conf"));
        URI domains = URI.create("https://127.0.0.1:" + port + "/api/v1/domains");
        try (Daemon daemon = new Daemon(config, true, 0)) {
            daemon.start();
            HttpClient alice = HttpClient.newBuilder().sslContext(pki.client("alice")).build();
            HttpResponse<String> r = get(alice, domains);
            assertEquals(200, r.statusCode(), r.body());
            HttpClient mallory = HttpClient.newBuilder().sslContext(pki.client("mallory")).build();
            assertEquals(403, get(mallory, domains).statusCode(), "a DN outside tls_allowed_dn_list");
        } finally {
            QemuTesting.deleteTree(dir);
        }
    }

    @Test
    void plainHttpOffLoopbackRefusesToStart() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-web-indaemon-bad");
        DaemonConfig config = DaemonConfig.from(ConfFile.parse("""
                unix_sock_dir = "%s"
                listen_tcp = 0
                listen_tls = 0
                web_listen = "0.0.0.0:%d"
                web_uri = "test:///default"
                """.formatted(dir.resolve("run"), freePort()), "jvirtd-web-bad.conf"));
        try (Daemon daemon = new Daemon(config, true, 0)) {
            Exception e = assertThrows(Exception.class, daemon::start);
            assertTrue(e.getMessage().contains("web_tls"), e.getMessage());
            assertTrue(!Files.exists(daemon.socketPath()), "nothing left listening");
        } finally {
            QemuTesting.deleteTree(dir);
        }
    }

    @Test
    void notConfiguredMeansNotStarted() {
        assertNull(DaemonConfig.defaults().webConfig(), "no web_* key: the daemon looks for no web server");
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
