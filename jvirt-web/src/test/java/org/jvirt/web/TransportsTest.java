package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Where jvirt-web listens: HTTP/2 without TLS (h2c) on loopback, a unix socket (0600), TLS with jvirtd's x509
 * files, h2 by ALPN, client certificates required and checked against tls_allowed_dn_list; plain HTTP refused
 * off loopback.
 */
class TransportsTest {

    @Test
    void h2cOnLoopback() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> r = h2.send(HttpRequest.newBuilder(w.uri("/api/v1/domains")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            // the first request upgrades; the next one runs on HTTP/2
            r = h2.send(HttpRequest.newBuilder(w.uri("/api/v1/host")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertTrue(r.body().contains("\"driver\":\"TEST\""), r.body());
        }
    }

    @Test
    void unixSocketOwnerOnly() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-web-unix");
        Path sock = dir.resolve("web.sock");
        try (WebFixture w = new WebFixture(WebOptions.loopback("test:///default").withListen(List.of())
                .withUnix(sock))) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(sock)));
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                ch.write(ByteBuffer.wrap("GET /api/v1/domains HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
                var b = new java.io.ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (ch.read(buf) > 0) {
                    b.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                String resp = b.toString(StandardCharsets.UTF_8);
                assertTrue(resp.startsWith("HTTP/1.1 200"), resp);
                assertTrue(resp.contains("\"name\":\"test\""), resp);
            }
        } finally {
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
        assertTrue(!Files.exists(sock), "the socket is removed on close");
    }

    @Test
    void tlsWithJvirtdFilesAndClientCertificates() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-web-pki");
        OpensslPki pki = new OpensslPki(dir);
        pki.issue("alice", "/O=jvirt/CN=alice", "extendedKeyUsage=clientAuth");
        pki.issue("mallory", "/O=elsewhere/CN=mallory", "extendedKeyUsage=clientAuth");
        Path conf = pki.jvirtdConf("O=jvirt,CN=*");
        WebOptions o = new WebOptions("test:///default",
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), null, conf,
                WebOptions.DEFAULT_MAX_BODY);
        try (WebFixture w = new WebFixture(o)) {
            assertEquals("https", w.server.baseUri().getScheme());
            HttpClient alice = HttpClient.newBuilder().sslContext(pki.client("alice")).build();
            HttpResponse<String> r = alice.send(HttpRequest.newBuilder(w.uri("/api/v1/domains")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(HttpClient.Version.HTTP_2, r.version(), "h2 chosen by ALPN");

            HttpClient mallory = HttpClient.newBuilder().sslContext(pki.client("mallory")).build();
            HttpResponse<String> m = mallory.send(HttpRequest.newBuilder(w.uri("/api/v1/domains")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, m.statusCode(), "a DN outside tls_allowed_dn_list");

            HttpClient anonymous = HttpClient.newBuilder().sslContext(pki.client(null)).build();
            assertThrows(IOException.class, () -> anonymous.send(HttpRequest.newBuilder(w.uri("/api/v1/domains"))
                    .build(), HttpResponse.BodyHandlers.ofString()), "no client certificate, no connection");
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void plainHttpOnlyOnLoopback() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> WebOptions.parse(new String[] {
            "-c", "test:///default", "--listen", "0.0.0.0:8080"}));
        assertTrue(e.getMessage().contains("needs --tls"), e.getMessage());
        assertEquals(8081, WebOptions.parse(new String[] {"-c", "test:///default", "--listen", "127.0.0.1:8081"})
                .listen().get(0).getPort());
    }
}
