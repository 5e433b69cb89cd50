package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.ServerLimits;
import org.jvirt.daemon.session.Admission;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.DomainProcedures;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainLookupByNameArgs;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainSaveArgs;

/**
 * libvirt's limits with libvirt's semantics: past max_clients a new connection waits in the listen backlog (it is
 * not refused) until a client leaves; with every normal worker stuck, a high-priority call still runs on a
 * priority worker while a normal one waits; max_anonymous_clients counts clients not yet ready; the config
 * checks libvirt makes.
 */
class LimitsTest {

    private static <T> T within(CompletableFuture<T> f, long millis) throws Exception {
        return f.get(millis, TimeUnit.MILLISECONDS);
    }

    @Test
    void pastMaxClientsNewConnectionsWaitUntilOneLeaves() throws Exception {
        try (DaemonFixture fx = new DaemonFixture("max_clients = 2\n")) {
            Path sock = fx.daemon.socketPath();
            RawClient a = RawClient.open(sock, "test:///default");
            RawClient b = RawClient.open(sock, "test:///default");
            CompletableFuture<RawClient> c = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawClient.open(sock, "test:///default"); // connects (backlog), answered later
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThrows(TimeoutException.class, () -> within(c, 1500));
            assertEquals(2, fx.daemon.clientCount());
            a.close();
            RawClient third = within(c, 10_000);
            assertEquals("TEST", third.call(ConnectProcedures.CONNECT_GET_TYPE, null).type());
            third.close();
            b.close();
        }
    }

    @Test
    void highPriorityCallsRunOnPriorityWorkersWhenAllWorkersAreStuck() throws Exception {
        try (DaemonFixture fx = new DaemonFixture("max_workers = 1\nprio_workers = 1\n")) {
            Path fifo = fx.dir.resolve("stuck.fifo");
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
            Path sock = fx.daemon.socketPath();
            RawClient stuck = RawClient.open(sock, "test:///default");
            var dom = stuck.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, new RemoteDomainLookupByNameArgs("test"))
                    .dom();
            // the only normal worker blocks: the test driver's save opens a FIFO nobody reads yet
            CompletableFuture<Object> save = CompletableFuture.supplyAsync(() -> {
                try {
                    return stuck.call(DomainProcedures.DOMAIN_SAVE, new RemoteDomainSaveArgs(dom, fifo.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fx.daemon.callsInProgress() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, fx.daemon.callsInProgress());
            try (RawClient other = RawClient.open(sock, "test:///default")) {
                // CONNECT_GET_VERSION is @priority:high in libvirt: a priority worker serves it
                assertTrue(other.call(ConnectProcedures.CONNECT_GET_VERSION, null).hvVer() > 0);
                // CONNECT_GET_CAPABILITIES is not: it waits for the stuck worker
                CompletableFuture<String> host = CompletableFuture.supplyAsync(() -> {
                    try {
                        return other.call(ConnectProcedures.CONNECT_GET_CAPABILITIES, null).capabilities();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThrows(TimeoutException.class, () -> within(host, 1000));
                Files.readAllBytes(fifo); // the save completes, its worker is free
                within(save, 10_000);
                assertFalse(within(host, 10_000).isEmpty());
            }
            stuck.close();
        }
    }

    @Test
    void anonymousClientsAreCountedUntilReady() throws Exception {
        Admission a = new Admission(10, 2);
        assertTrue(a.awaitRoom());
        a.admitted();
        assertTrue(a.awaitRoom());
        a.admitted();
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> {
            try {
                return a.awaitRoom();
            } catch (InterruptedException e) {
                return false;
            }
        });
        assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS));
        a.authenticated(); // one finished its handshake: the third may be accepted
        assertTrue(third.get(5, TimeUnit.SECONDS));
        a.admitted();
        assertEquals(3, a.clients());
        assertEquals(2, a.anonymous());
        a.left(true);
        a.left(false);
        a.left(true);
        assertEquals(0, a.clients());
        assertEquals(0, a.anonymous());
        a.close();
        assertFalse(a.awaitRoom());
    }

    @Test
    void configChecksAsLibvirt() {
        VirtException e = assertThrows(VirtException.class,
                () -> ServerLimits.from(ConfFile.parse("max_workers = 0\n", "t.conf")));
        assertEquals("internal error: 'max_workers' must be greater than 0", e.getMessage());
        ServerLimits l = ServerLimits.from(ConfFile.parse("min_workers = 50\nmax_workers = 10\n", "t.conf"));
        assertEquals(10, l.minWorkers()); // clamped, as virThreadPoolNew does
        ServerLimits d = ServerLimits.from(ConfFile.empty());
        assertEquals(5000, d.maxClients());
        assertEquals(20, d.maxAnonymousClients());
        assertEquals(1000, d.maxQueuedClients());
        assertEquals(5, d.prioWorkers());
        assertEquals(5, d.maxClientRequests());
    }
}
