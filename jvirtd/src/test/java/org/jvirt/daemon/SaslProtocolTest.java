package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.rpc.proto.remote.AuthProcedures;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStartArgs;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStartRet;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStepArgs;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStepRet;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs;
import org.jvirt.rpc.sasl.ScramClient;

/**
 * The SASL procedures on the wire, packet by packet (RawClient + jvirt's SCRAM client), and python3-libvirt
 * authenticating through an auth callback: libvirt's refusal of calls before authentication, AUTH_LIST,
 * the mechanism list per socket, a full SCRAM-SHA-256 exchange, AUTH_FAILED and the closed connection.
 */
class SaslProtocolTest {

    private static SaslDaemon fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new SaslDaemon("");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void callsBeforeAuthenticationAreRefusedAsLibvirtDoes() throws Exception {
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            VirtException e = assertThrows(VirtException.class,
                    () -> c.call(ConnectProcedures.CONNECT_OPEN, new RemoteConnectOpenArgs("test:///default", 0)));
            assertEquals(ErrorNumber.RPC.code(), e.error().code());
            assertEquals(ErrorDomain.RPC.code(), e.error().domain());
            assertEquals("authentication required", e.getMessage().replaceFirst("^.*: ", ""), e.getMessage());
            assertEquals(List.of(1), c.call(AuthProcedures.AUTH_LIST, null).types());
        }
    }

    @Test
    void scramExchangeThenOpen() throws Exception {
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            assertEquals("SCRAM-SHA-256,DIGEST-MD5", c.call(AuthProcedures.AUTH_SASL_INIT, null).mechlist());
            ScramClient scram = new ScramClient("alice", "alice-secret".toCharArray());
            RemoteAuthSaslStartRet s = c.call(AuthProcedures.AUTH_SASL_START,
                    new RemoteAuthSaslStartArgs("SCRAM-SHA-256", 0, scram.start()));
            assertEquals(0, s.complete());
            byte[] fin = scram.evaluate(s.data());
            RemoteAuthSaslStepRet t = c.call(AuthProcedures.AUTH_SASL_STEP, new RemoteAuthSaslStepArgs(0, fin));
            assertEquals(1, t.complete());
            assertNull(scram.evaluate(t.data()));
            assertTrue(scram.isComplete(), "the server proved it knows the password");
            c.call(ConnectProcedures.CONNECT_OPEN, new RemoteConnectOpenArgs("test:///default", 0));
            assertEquals("test:///default", c.call(ConnectProcedures.CONNECT_GET_URI, null).uri());
        }
    }

    @Test
    void tcpOffersOnlyMechanismsWithALayer() throws Exception {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                new java.net.InetSocketAddress("127.0.0.1", fx.daemon.tcpPort()))) {
            RawClient c = new RawClient(ch);
            assertEquals("DIGEST-MD5", c.call(AuthProcedures.AUTH_SASL_INIT, null).mechlist());
        }
    }

    @Test
    void wrongPasswordIsAuthFailedAndTheConnectionCloses() throws Exception {
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            c.call(AuthProcedures.AUTH_SASL_INIT, null);
            ScramClient scram = new ScramClient("alice", "not-it".toCharArray());
            RemoteAuthSaslStartRet s = c.call(AuthProcedures.AUTH_SASL_START,
                    new RemoteAuthSaslStartArgs("SCRAM-SHA-256", 0, scram.start()));
            byte[] fin = scram.evaluate(s.data());
            VirtException e = assertThrows(VirtException.class,
                    () -> c.call(AuthProcedures.AUTH_SASL_STEP, new RemoteAuthSaslStepArgs(0, fin)));
            assertEquals(ErrorNumber.AUTH_FAILED.code(), e.error().code());
            assertEquals("authentication failed: authentication failed", e.getMessage());
            assertNull(c.next(), "the daemon closed the connection");
        }
    }

    @Test
    void unknownUserFailsLikeAWrongPassword() throws Exception {
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            c.call(AuthProcedures.AUTH_SASL_INIT, null);
            ScramClient scram = new ScramClient("nobody", "x".toCharArray());
            RemoteAuthSaslStartRet s = c.call(AuthProcedures.AUTH_SASL_START,
                    new RemoteAuthSaslStartArgs("SCRAM-SHA-256", 0, scram.start()));
            assertEquals(0, s.complete(), "a salt is sent for unknown users too");
            byte[] fin = scram.evaluate(s.data());
            VirtException e = assertThrows(VirtException.class,
                    () -> c.call(AuthProcedures.AUTH_SASL_STEP, new RemoteAuthSaslStepArgs(0, fin)));
            assertEquals(ErrorNumber.AUTH_FAILED.code(), e.error().code());
        }
    }

    @Test
    void pythonLibvirtWithAnAuthCallback() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        String script = """
                import sys, libvirt
                def cb(creds, data):
                    for c in creds:
                        if c[0] in (libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_USERNAME):
                            c[4] = 'alice'
                        elif c[0] == libvirt.VIR_CRED_PASSPHRASE:
                            c[4] = sys.argv[2]
                        else:
                            c[4] = c[3] or ''
                    return 0
                auth = [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_USERNAME, libvirt.VIR_CRED_PASSPHRASE,
                         libvirt.VIR_CRED_REALM], cb, None]
                try:
                    c = libvirt.openAuth(sys.argv[1], auth, 0)
                    print('OPEN', [d.name() for d in c.listAllDomains()])
                except libvirt.libvirtError as e:
                    print('ERR', e.get_error_code(), e.get_error_message())
                """;
        for (String uri : List.of(fx.unixUri("auth=sasl.SCRAM-SHA-256"), fx.tcpUri("auth=sasl.DIGEST-MD5"))) {
            Tools.Result ok = Tools.python(script, uri, "alice-secret");
            assertEquals("OPEN ['test']", ok.out().trim(), ok::toString);
            Tools.Result bad = Tools.python(script, uri, "wrong");
            assertEquals("ERR 45 authentication failed: authentication failed", bad.out().trim(), bad::toString);
        }
    }

    @Test
    void saslStepBeforeStartIsRefused() throws Exception {
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            VirtException e = assertThrows(VirtException.class,
                    () -> c.call(AuthProcedures.AUTH_SASL_STEP, new RemoteAuthSaslStepArgs(1, new byte[0])));
            assertEquals(ErrorNumber.AUTH_FAILED.code(), e.error().code());
        }
    }

    /** max_anonymous_clients counts a SASL client until it authenticates, not only until it connected. */
    @Test
    void anUnauthenticatedClientHoldsAnAnonymousSlotUntilItsSaslSucceeds() throws Exception {
        try (SaslDaemon one = new SaslDaemon("max_anonymous_clients = 1\n");
                RawClient first = new RawClient(one.daemon.socketPath())) {
            assertEquals(List.of(1), first.call(AuthProcedures.AUTH_LIST, null).types()); // connected, not authenticated
            try (RawClient second = new RawClient(one.daemon.socketPath())) {
                CompletableFuture<List<Integer>> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return second.call(AuthProcedures.AUTH_LIST, null).types();
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
                // the daemon does not accept the second while the first is anonymous
                assertThrows(TimeoutException.class, () -> waiting.get(1500, TimeUnit.MILLISECONDS));
                ScramClient scram = new ScramClient("alice", "alice-secret".toCharArray());
                first.call(AuthProcedures.AUTH_SASL_INIT, null);
                RemoteAuthSaslStartRet s = first.call(AuthProcedures.AUTH_SASL_START,
                        new RemoteAuthSaslStartArgs("SCRAM-SHA-256", 0, scram.start()));
                assertEquals(1, first.call(AuthProcedures.AUTH_SASL_STEP,
                        new RemoteAuthSaslStepArgs(0, scram.evaluate(s.data()))).complete());
                assertEquals(List.of(1), waiting.get(10, TimeUnit.SECONDS)); // the slot was freed by the SASL success
            }
        }
    }
}
