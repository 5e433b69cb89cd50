package org.jvirt.examples;

import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;

/**
 * Lifecycle events: subscribe, cause a few (suspend, resume), receive them in order, unsubscribe. No event loop
 * to run: each subscription has its own queue and thread, so a slow listener never blocks the connection.
 */
public final class WatchEvents {

    private WatchEvents() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(args.length > 0 ? args[0] : "test:///default", System.out);
    }

    static void run(String uri, PrintStream out) throws InterruptedException {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (Connect conn = Connect.open(uri);
             // null domain: every domain's events. Closing the registration deregisters it.
             EventRegistration reg = conn.domainEventRegister(DomainEventId.LIFECYCLE, null,
                     (Domain d, DomainEvent ev) -> {
                         if (ev instanceof DomainEvent.Lifecycle l) {
                             seen.add(d.getName() + " " + l.type() + " " + l.detailName());
                         }
                     })) {
            Domain dom = conn.domainLookupByName("test");
            dom.suspend();
            dom.resume();
            for (int i = 0; i < 2; i++) {
                String e = seen.poll(10, TimeUnit.SECONDS);
                out.println(e != null ? e : "no event within 10 s");
            }
        }
    }
}
