package org.jvirt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.DomainEventType;
import org.jvirt.event.EventRegistration;
import org.junit.jupiter.api.Test;

/** Event delivery through the core's per-subscriber queues, driven by the real test driver. */
class EventDeliveryTest {

    private static String xml(String name) {
        return "<domain type='test'><name>" + name + "</name><uuid>" + UUID.randomUUID()
                + "</uuid><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";
    }

    @Test
    void lifecycleEventsArriveInOrderWithLibvirtsTypes() throws Exception {
        try (Connect conn = Connect.open("test:///default")) {
            BlockingQueue<DomainEvent> seen = new LinkedBlockingQueue<>();
            String name = "ev-order-" + UUID.randomUUID();
            try (EventRegistration reg = conn.domainEventRegister(DomainEventId.LIFECYCLE, null, (d, e) -> {
                if (d.getName().equals(name)) {
                    seen.add(e);
                }
            })) {
                Domain d = conn.domainDefineXML(xml(name));
                d.create();
                d.suspend();
                d.resume();
                d.destroy();
                d.undefine();
                List<DomainEventType> types = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    DomainEvent e = seen.poll(5, TimeUnit.SECONDS);
                    types.add(((DomainEvent.Lifecycle) e).type());
                }
                assertEquals(List.of(DomainEventType.DEFINED, DomainEventType.STARTED, DomainEventType.SUSPENDED,
                        DomainEventType.RESUMED, DomainEventType.STOPPED, DomainEventType.UNDEFINED), types);
            }
        }
    }

    @Test
    void aSlowListenerDelaysNobodyElse() throws Exception {
        try (Connect conn = Connect.open("test:///default")) {
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<DomainEvent> fast = new LinkedBlockingQueue<>();
            Domain test = conn.domainLookupByName("test");
            try (EventRegistration slow = conn.domainEventRegister(DomainEventId.LIFECYCLE, test, (d, e) -> {
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
                 EventRegistration quick = conn.domainEventRegister(DomainEventId.LIFECYCLE, test,
                         (d, e) -> fast.add(e))) {
                test.suspend();
                test.resume();
                assertTrue(fast.poll(5, TimeUnit.SECONDS) instanceof DomainEvent.Lifecycle);
                assertTrue(fast.poll(5, TimeUnit.SECONDS) instanceof DomainEvent.Lifecycle);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void closingARegistrationStopsDelivery() throws Exception {
        try (Connect conn = Connect.open("test:///default")) {
            BlockingQueue<DomainEvent> seen = new LinkedBlockingQueue<>();
            Domain test = conn.domainLookupByName("test");
            EventRegistration reg = conn.domainEventRegister(DomainEventId.LIFECYCLE, test, (d, e) -> seen.add(e));
            reg.close();
            test.suspend();
            test.resume();
            assertNull(seen.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void everyConnectionOnTheSharedDefaultStateHearsTheEvents() throws Exception {
        try (Connect a = Connect.open("test:///default"); Connect b = Connect.open("test:///default")) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            String name = "ev-shared-" + UUID.randomUUID();
            try (EventRegistration reg = b.domainEventRegister(DomainEventId.LIFECYCLE, null, (d, e) -> {
                if (d.getName().equals(name)) {
                    seen.add(d.getName() + " " + ((DomainEvent.Lifecycle) e).type());
                }
            })) {
                a.domainDefineXML(xml(name)).undefine();
                assertEquals(name + " DEFINED", seen.poll(5, TimeUnit.SECONDS));
                assertEquals(name + " UNDEFINED", seen.poll(5, TimeUnit.SECONDS));
            }
        }
    }
}
