package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.RandomValues;
import org.jvirt.rpc.RemoteErrors;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteError;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.xdr.XdrType;

/**
 * Read-only access, generated from the tables: (1) every procedure whose API libvirt 9.0 refuses on a read-only
 * connection (libvirt-readonly-denied.txt, written by scripts/gen-readonly-apis.sh from libvirt's
 * virCheckReadOnlyGoto) is marked refused or conditionally refused in jvirt's procedure table; (2) every
 * procedure the table refuses is sent, with arguments built for its argument type, on the read-only socket and
 * gets libvirt's "read only access prevents" error (or, for a procedure jvirtd does not serve yet, "unknown
 * procedure"), and the daemon changes nothing: the default domain is still there and running.
 */
class ReadOnlyTableTest {

    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    static Set<String> libvirtReadOnlyDenied() throws IOException {
        try (InputStream in = ReadOnlyTableTest.class.getResourceAsStream("/libvirt-readonly-denied.txt")) {
            Set<String> apis = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    apis.add(line.trim());
                }
            }
            return apis;
        }
    }

    @Test
    void tableRefusesEveryApiLibvirtRefuses() throws IOException {
        Set<String> denied = libvirtReadOnlyDenied();
        assertTrue(denied.size() > 150, "table too small: " + denied.size());
        List<String> allowedButLibvirtRefuses = new ArrayList<>();
        for (Procedure<?, ?> p : ProcedureTable.standard().all()) {
            if (p.api() != null && denied.contains(p.api()) && p.readOnly() == Procedure.ReadOnly.ALLOWED) {
                allowedButLibvirtRefuses.add(p.name() + " (" + p.api() + ")");
            }
        }
        assertEquals(List.of(), allowedButLibvirtRefuses);
    }

    @Test
    void everyRefusedProcedureIsRefusedOnTheReadOnlySocket() throws Exception {
        RandomValues values = new RandomValues(11);
        int refused = 0;
        int unknown = 0;
        List<String> wrong = new ArrayList<>();
        try (RawClient c = RawClient.open(fx.daemon.readOnlySocketPath(), "test:///default")) {
            int serial = 100;
            for (Procedure<?, ?> p : ProcedureTable.standard().all()) {
                if (p.readOnly() != Procedure.ReadOnly.DENIED || p.isMessage()
                        || p == ConnectProcedures.CONNECT_OPEN || p == ConnectProcedures.CONNECT_CLOSE) {
                    continue;
                }
                int s = serial++;
                c.write(encode(p, s, values));
                RpcMessage m = c.next();
                while (m != null && !(m.header().is(MessageType.REPLY) && m.header().serial() == s)) {
                    m = c.next();
                }
                if (m == null) {
                    wrong.add(p.name() + ": connection closed");
                    break;
                }
                if (!m.header().is(MessageStatus.ERROR)) {
                    wrong.add(p.name() + ": succeeded");
                    continue;
                }
                RemoteError e = RpcCodec.decodeError(m);
                String expected = RemoteErrors.readOnlyDenied(p).message();
                if (e.message().equals(expected)) {
                    refused++;
                } else if (e.message().equals("unknown procedure: " + p.number())) {
                    unknown++;
                } else {
                    wrong.add(p.name() + ": " + e.message());
                }
            }
            System.out.printf("read-only socket: %d procedures refused as read-only, %d not served (unknown)%n",
                    refused, unknown);
            assertEquals(List.of(), wrong);
            assertTrue(refused > 100, "only " + refused + " refused");
        }
        try (org.jvirt.Connect conn = org.jvirt.Connect.open(fx.unixUri())) {
            assertEquals(org.jvirt.DomainState.RUNNING, conn.domainLookupByName("test").getState().state());
        }
    }

    @SuppressWarnings("unchecked")
    private static <A> byte[] encode(Procedure<A, ?> p, int serial, RandomValues values) {
        A args = p.args() == XdrType.VOID ? null : (A) values.instance(p.args().javaType());
        return RpcCodec.encodeCall(p, serial, args);
    }
}
