package org.jvirt.web.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time console tickets: a ticket is issued by an authenticated API call for one domain and one console kind,
 * and is good for exactly one websocket opening before it expires. The websocket itself carries no other
 * credential (a browser cannot add headers to it), so the ticket is what makes it safe.
 */
public final class Tickets {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    /** What a ticket opens. */
    public record Ticket(String token, String domain, ConsoleKind kind, long expiresNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Ticket> live = new ConcurrentHashMap<>();
    private final Duration ttl;

    public Tickets(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    public Ticket issue(String domain, ConsoleKind kind) {
        purge();
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Ticket t = new Ticket(token, domain, kind, System.nanoTime() + ttl.toNanos());
        live.put(token, t);
        return t;
    }

    /** Takes the ticket: null when unknown, used already, expired, or for another console kind. */
    public Ticket consume(String token, ConsoleKind kind) {
        if (token == null) {
            return null;
        }
        Ticket t = live.remove(token);
        if (t == null || t.kind() != kind || System.nanoTime() - t.expiresNanos() > 0) {
            return null;
        }
        return t;
    }

    private void purge() {
        long now = System.nanoTime();
        live.values().removeIf(t -> now - t.expiresNanos() > 0);
    }
}
