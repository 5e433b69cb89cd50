package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.DomainProcedures;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainLookupByNameArgs;

/**
 * Many clients calling at once while some pipeline calls and never read their replies: every reading client
 * gets every answer with no error, each stalled client is dropped once its writes make no progress for
 * client_write_timeout, and the daemon's heap does not grow with what the stalled clients asked for. The size
 * is small here (CI); {@code scripts/soak-load.sh} runs it at 500 clients x 1000 calls with 50 stalled ones
 * through the system properties {@code jvirt.load.clients}, {@code .calls}, {@code .stalled}. Prints p50/p99.
 */
class LoadTest {

    private static int prop(String name, int dflt) {
        return Integer.getInteger("jvirt.load." + name, dflt);
    }

    @Test
    void stalledClientsAreDroppedOthersServedWithoutError() throws Exception {
        int clients = prop("clients", 60);
        int calls = prop("calls", 200);
        int stalled = prop("stalled", 10);
        int writeTimeout = 3;
        try (DaemonFixture fx = new DaemonFixture("client_write_timeout = " + writeTimeout + "\n"
                + "max_clients = " + (clients + stalled + 10) + "\n")) {
            Path sock = fx.daemon.socketPath();
            List<RawClient> stallers = new ArrayList<>();
            AtomicInteger stallerCallsSent = new AtomicInteger();
            List<Thread> stallThreads = new ArrayList<>();
            for (int i = 0; i < stalled; i++) {
                RawClient c = RawClient.open(sock, "test:///default");
                stallers.add(c);
                stallThreads.add(Thread.ofVirtual().start(() -> pipelineForever(c, stallerCallsSent)));
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[][] latencies = new long[clients][calls];
            AtomicInteger done = new AtomicInteger();
            long t0 = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(Math.max(240, clients * (long) calls / 500)), () -> {
                CountDownLatch all = new CountDownLatch(clients);
                for (int i = 0; i < clients; i++) {
                    final int n = i;
                    Thread.ofVirtual().start(() -> {
                        try (RawClient c = RawClient.open(sock, "test:///default")) {
                            for (int k = 0; k < calls; k++) {
                                long s = System.nanoTime();
                                if ((n + k) % 2 == 0) {
                                    c.call(ConnectProcedures.CONNECT_GET_VERSION, null);
                                } else {
                                    c.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME,
                                            new RemoteDomainLookupByNameArgs("test"));
                                }
                                latencies[n][k] = System.nanoTime() - s;
                                done.incrementAndGet();
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            all.countDown();
                        }
                    });
                }
                all.await();
            });
            double secs = (System.nanoTime() - t0) / 1e9;
            long[] flat = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("load: %d clients x %d calls (+%d stalled clients that sent %d calls) in %.1f s = "
                    + "%.0f calls/s; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", clients, calls, stalled,
                    stallerCallsSent.get(), secs, done.get() / secs, flat[flat.length / 2] / 1e6,
                    flat[(int) (flat.length * 0.99)] / 1e6, flat[flat.length - 1] / 1e6);
            assertNull(failure.get(), () -> String.valueOf(failure.get()));
            assertEquals(clients * calls, done.get());

            // the stalled clients are dropped by the write timeout, then nothing of theirs is left
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(writeTimeout + 30);
            while (fx.daemon.clientCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, fx.daemon.clientCount(), "stalled clients still connected");
            for (Thread t : stallThreads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
                assertTrue(!t.isAlive(), "a stalled client's writes still block");
            }
            for (RawClient c : stallers) {
                c.close();
            }
            assertTrue(Files.exists(sock));
        }
    }

    /** Writes calls with big replies as fast as the daemon takes them, never reading; returns once dropped. */
    private static void pipelineForever(RawClient c, AtomicInteger sent) {
        int serial = 1000;
        try {
            while (true) {
                byte[] call = RpcCodec.encodeCall(ConnectProcedures.CONNECT_GET_CAPABILITIES, serial++, null);
                ByteBuffer b = ByteBuffer.wrap(call);
                while (b.hasRemaining()) {
                    c.ch.write(b);
                }
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            // dropped by the daemon: what we expect
        }
    }
}
