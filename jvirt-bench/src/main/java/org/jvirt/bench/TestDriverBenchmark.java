package org.jvirt.bench;

import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process test driver's hot paths, the same operations that {@code test_driver_bench.py} times on
 * libvirt's own test driver through python3-libvirt: lookup + info, define + undefine, listAll over many
 * domains, and event delivery (a suspend/resume pair raises two lifecycle events, timed until both arrive).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TestDriverBenchmark {

    static String domainXml(String name) {
        return "<domain type='test'><name>" + name + "</name><uuid>" + UUID.nameUUIDFromBytes(name.getBytes())
                + "</uuid><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";
    }

    @State(Scope.Thread)
    public static class Default {
        Connect conn;
        int n;

        @Setup(Level.Trial)
        public void open() {
            conn = Connect.open("test:///default");
        }

        @TearDown(Level.Trial)
        public void close() {
            conn.close();
        }
    }

    @State(Scope.Thread)
    public static class Many {
        @Param({"10000"})
        int domains;
        Connect conn;

        @Setup(Level.Trial)
        public void fill() {
            conn = Connect.open("test:///default");
            for (int i = 0; i < domains; i++) {
                conn.domainDefineXML(domainXml("bench-many-" + i));
            }
        }

        @TearDown(Level.Trial)
        public void drain() {
            for (Domain d : conn.listAllDomains()) {
                if (d.getName().startsWith("bench-many-")) {
                    d.undefine();
                }
            }
            conn.close();
        }
    }

    @State(Scope.Thread)
    public static class Events {
        Connect conn;
        Domain dom;
        EventRegistration reg;
        final BlockingQueue<DomainEvent> seen = new ArrayBlockingQueue<>(1024);

        @Setup(Level.Trial)
        public void subscribe() {
            conn = Connect.open("test:///default");
            dom = conn.domainLookupByName("test");
            reg = conn.domainEventRegister(DomainEventId.LIFECYCLE, dom, (d, e) -> seen.add(e));
        }

        @TearDown(Level.Trial)
        public void unsubscribe() {
            reg.close();
            conn.close();
        }
    }

    @Benchmark
    public DomainInfo lookupAndInfo(Default s) {
        return s.conn.domainLookupByName("test").getInfo();
    }

    @Benchmark
    public void defineAndUndefine(Default s) {
        s.conn.domainDefineXML(domainXml("bench-define")).undefine();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int listAll(Many s) {
        return s.conn.listAllDomains().size();
    }

    @Benchmark
    public DomainEvent suspendResumeEventsDelivered(Events s) throws InterruptedException {
        s.dom.suspend();
        s.dom.resume();
        s.seen.take();
        return s.seen.take();
    }
}
