package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.daemon.dispatch.DispatchTable;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.FrameEncoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteError;

/**
 * Every declared call of libvirt 9.0's protocol that jvirtd does not serve fails as libvirtd fails when the
 * connection's driver lacks the function: VIR_ERR_NO_SUPPORT (3) in the function's error domain, "this function is
 * not supported by the connection driver: virXxx" — never "unknown procedure", which only undeclared numbers and
 * calls without a public function get.
 */
class UnservedProceduresTest {

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

    /** The calls nobody serves; each is sent with an all-zero payload (XDR for zeros, empty strings, no items). */
    private static List<Procedure<?, ?>> unserved() {
        Set<Procedure<?, ?>> served = DispatchTable.standard().served();
        return ProcedureTable.standard().all().stream()
                .filter(p -> !p.isMessage() && p.api() != null && !served.contains(p)).toList();
    }

    @Test
    void everyUnservedCallNamesItsFunction() throws Exception {
        List<Procedure<?, ?>> procs = unserved();
        List<String> wrong = new ArrayList<>();
        byte[] zeros = new byte[4096];
        try (RawClient c = RawClient.open(fx.daemon.socketPath(), "test:///default")) {
            int serial = 1000;
            for (Procedure<?, ?> p : procs) {
                MessageHeader h = MessageHeader.of(p.program().number(), p.program().version(), p.number(),
                        MessageType.CALL, serial++, MessageStatus.OK);
                c.write(FrameEncoder.encode(h, zeros, 0, zeros.length));
                RpcMessage m = c.next();
                assertTrue(m.header().is(MessageType.REPLY) && m.header().is(MessageStatus.ERROR), m::toString);
                RemoteError e = RpcCodec.decodeError(m);
                String expected = "this function is not supported by the connection driver: " + p.api();
                if (e.code() != 3 || e.domain() != p.apiDomain().code() || !expected.equals(e.message())) {
                    wrong.add(p + ": " + e.code() + "/" + e.domain() + " " + e.message());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void readOnlyRefusalComesFirstAndBeforeOpenTheConnectionIsMissing() throws Exception {
        Procedure<?, ?> denied = unserved().stream().filter(p -> p.readOnly() == Procedure.ReadOnly.DENIED)
                .findFirst().orElse(null);
        if (denied != null) {
            try (RawClient c = new RawClient(fx.daemon.readOnlySocketPath())) {
                c.call(org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_OPEN,
                        new org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs("test:///default", 1));
                byte[] zeros = new byte[4096];
                c.write(FrameEncoder.encode(MessageHeader.of(denied.program().number(), denied.program().version(),
                        denied.number(), MessageType.CALL, 7, MessageStatus.OK), zeros, 0, zeros.length));
                RemoteError e = RpcCodec.decodeError(c.next());
                assertEquals(org.jvirt.ErrorNumber.OPERATION_DENIED.code(), e.code(), e.message());
                assertEquals("operation forbidden: read only access prevents " + denied.api(), e.message());
            }
        }
        Procedure<?, ?> any = unserved().getFirst();
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            byte[] zeros = new byte[4096];
            c.write(FrameEncoder.encode(MessageHeader.of(any.program().number(), any.program().version(),
                    any.number(), MessageType.CALL, 8, MessageStatus.OK), zeros, 0, zeros.length));
            assertEquals("internal error: hypervisor connection not open", RpcCodec.decodeError(c.next()).message());
        }
    }
}
