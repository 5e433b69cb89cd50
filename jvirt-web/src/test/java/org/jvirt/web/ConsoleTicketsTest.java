package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Console tickets: one opening each, expiring, bound to their console kind; a websocket without a valid ticket is
 * refused with 403 at the upgrade. (The relays themselves are checked against a real guest in ConsoleGuestTest.)
 */
class ConsoleTicketsTest {

    private static WebSocket ws(WebFixture w, String path) throws Exception {
        URI u = w.server.baseUri();
        try {
            return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://" + u.getHost() + ":"
                    + u.getPort() + path), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static int refused(WebFixture w, String path) {
        var e = assertThrows(WebSocketHandshakeException.class, () -> ws(w, path));
        return e.getResponse().statusCode();
    }

    @Test
    void aTicketOpensOnceOnlyItsKindAndExpires() throws Exception {
        try (WebFixture w = new WebFixture(WebOptions.loopback("test:///default")
                .withTicketTtl(Duration.ofMillis(700)))) {
            var r = w.post("/api/v1/domains/test/console/serial");
            assertEquals(201, r.status(), r.toString());
            String path = r.json().get("path").asText();
            String ticket = r.json().get("ticket").asText();
            assertTrue(ticket.length() >= 40, ticket);
            assertEquals(403, refused(w, "/console/vnc?ticket=" + ticket), "a serial ticket opens no VNC");
            // refused for the wrong kind, the ticket was still taken: one try per ticket
            assertEquals(403, refused(w, path));

            String fresh = w.post("/api/v1/domains/test/console/serial").json().get("path").asText();
            WebSocket first = ws(w, fresh);
            first.abort();
            assertEquals(403, refused(w, fresh), "a ticket works once");

            String late = w.post("/api/v1/domains/test/console/serial").json().get("path").asText();
            Thread.sleep(1000);
            assertEquals(403, refused(w, late), "an expired ticket");

            assertEquals(403, refused(w, "/console/serial"), "no ticket");
            assertEquals(403, refused(w, "/console/serial?ticket=forged"), "a forged ticket");
        }
    }

    @Test
    void ticketsOnlyForConsolesThatExist() throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            var noVnc = w.post("/api/v1/domains/test/console/vnc");
            assertEquals(409, noVnc.status(), noVnc.toString());
            assertTrue(noVnc.json().get("error").get("message").asText().contains("no VNC graphics"), noVnc.toString());
            assertEquals(404, w.post("/api/v1/domains/absent/console/serial").status());
            w.post("/api/v1/domains/test/destroy");
            var off = w.post("/api/v1/domains/test/console/serial");
            assertEquals(409, off.status(), off.toString());
        }
    }
}
