package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteError;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.DomainProcedures;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainLookupByNameArgs;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainSuspendArgs;
import org.jvirt.rpc.frame.FrameEncoder;
import org.jvirt.rpc.keepalive.Keepalive;

/** Hostile and careless clients: the daemon answers with an error or hangs up, and keeps serving others (many clients at once: LoadTest). */
class RobustnessTest {

    private static DaemonFixture fx;
    private static final int REMOTE = 0x20008086;

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

    private static void stillServing() throws IOException {
        try (RawClient c = RawClient.open(fx.daemon.socketPath(), "test:///default")) {
            assertEquals("TEST", c.call(ConnectProcedures.CONNECT_GET_TYPE, null).type());
        }
    }

    private static RemoteError errorOf(RpcMessage m) {
        assertTrue(m.header().is(MessageType.REPLY) && m.header().is(MessageStatus.ERROR), m::toString);
        return RpcCodec.decodeError(m);
    }

    @Test
    void unknownProcedureIsAnsweredAsLibvirtDoes() throws Exception {
        try (RawClient c = RawClient.open(fx.daemon.socketPath(), "test:///default")) {
            MessageHeader h = MessageHeader.of(REMOTE, 1, 9999, MessageType.CALL, 77, MessageStatus.OK);
            c.write(FrameEncoder.encode(h));
            RemoteError e = errorOf(c.next());
            assertEquals(39, e.code());
            assertEquals(7, e.domain());
            assertEquals("unknown procedure: 9999", e.message());
            // declared but not served: NO_SUPPORT naming the function (UnservedProceduresTest, every procedure)
        }
        stillServing();
    }

    @Test
    void wrongProgramAndStatusGetRpcErrors() throws Exception {
        try (RawClient c = RawClient.open(fx.daemon.socketPath(), "test:///default")) {
            c.write(FrameEncoder.encode(MessageHeader.of(0x12345678, 1, 1, MessageType.CALL, 5, MessageStatus.OK)));
            RemoteError e = errorOf(c.next());
            assertEquals(39, e.code());
            assertTrue(e.message().startsWith("Cannot find program"), e.message());
            c.write(FrameEncoder.encode(new MessageHeader(REMOTE, 1, 3, 0, 6, 7)));
            assertEquals("Unexpected message status 7", errorOf(c.next()).message());
        }
        stillServing();
    }

    @Test
    void outOfOrderPacketsAreIgnoredAndPingsAnswered() throws Exception {
        try (RawClient c = RawClient.open(fx.daemon.socketPath(), "test:///default")) {
            // a REPLY and stream data for nothing: dropped, as libvirtd drops them
            c.write(FrameEncoder.encode(MessageHeader.of(REMOTE, 1, 3, MessageType.REPLY, 9, MessageStatus.OK)));
            c.write(FrameEncoder.encode(MessageHeader.of(REMOTE, 1, 209, MessageType.STREAM, 10,
                    MessageStatus.CONTINUE), new byte[] {1, 2, 3}, 0, 3));
            c.write(Keepalive.ping());
            RpcMessage pong = c.next();
            assertTrue(Keepalive.isPong(pong.header()), pong::toString);
            assertEquals("TEST", c.call(ConnectProcedures.CONNECT_GET_TYPE, null).type());
        }
    }

    @Test
    void callsBeforeOpenAndTruncatedPayloads() throws Exception {
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            c.write(RpcCodec.encodeCall(ConnectProcedures.CONNECT_GET_TYPE, 1, null));
            RemoteError e = errorOf(c.next());
            assertEquals("internal error: hypervisor connection not open", e.message());
            // a lookup whose string is cut short: an error reply, not a dead daemon
            byte[] good = RpcCodec.encodeCall(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, 2,
                    new RemoteDomainLookupByNameArgs("test"));
            byte[] cut = java.util.Arrays.copyOf(good, good.length - 6);
            ByteBuffer.wrap(cut).putInt(0, cut.length);
            c.write(cut);
            assertEquals(39, errorOf(c.next()).code());
        }
        stillServing();
    }

    @Test
    void oversizedAndGarbageLengthWordsCloseTheConnection() throws Exception {
        for (int len : new int[] {4 + 33554432 + 1, 0xffffffff, 3, 10}) {
            try (RawClient c = new RawClient(fx.daemon.socketPath())) {
                c.write(ByteBuffer.allocate(32).putInt(len).array());
                assertNull(c.next(), "connection should be closed for length " + len);
            }
        }
        try (RawClient c = new RawClient(fx.daemon.socketPath())) {
            c.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertNull(c.next());
        }
        stillServing();
    }

    @Test
    void readOnlySocketRefusesWritesOnTheWire() throws Exception {
        try (RawClient c = RawClient.open(fx.daemon.readOnlySocketPath(), "test:///default")) {
            var dom = c.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, new RemoteDomainLookupByNameArgs("test")).dom();
            c.write(RpcCodec.encodeCall(DomainProcedures.DOMAIN_SUSPEND, 50, new RemoteDomainSuspendArgs(dom)));
            RemoteError e = errorOf(c.next());
            assertEquals(29, e.code());
            assertEquals(20, e.domain());
            assertEquals("operation forbidden: read only access prevents virDomainSuspend", e.message());
        }
    }
}
