package org.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorLevel;
import org.jvirt.ErrorNumber;
import org.jvirt.NotFoundException;
import org.jvirt.NotSupportedException;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.keepalive.Keepalive;
import org.jvirt.rpc.proto.remote.AuthProcedures;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthListRet;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.ConnectListProcedures;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.ConnectListTypes.RemoteConnectListAllDomainsArgs;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs;
import org.jvirt.rpc.proto.remote.DomainProcedures;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainLookupByNameArgs;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainLookupByNameRet;
import org.jvirt.rpc.proto.remote.DomainEventProcedures;
import org.jvirt.rpc.proto.remote.DomainEventTypes.RemoteDomainEventCallbackLifecycleMsg;
import org.jvirt.rpc.proto.remote.EventTypes.RemoteDomainEventLifecycleMsg;

class RpcCodecTest {

    private static RpcMessage one(byte[] packet) {
        List<RpcMessage> ms = new FrameDecoder().feed(packet);
        assertEquals(1, ms.size());
        return ms.get(0);
    }

    /** The error reply of the test driver for LOOKUP_BY_NAME "nosuchdom", protocol reference §4.1 [seen]. */
    static final String ERROR_PAYLOAD = "0000002a 0000000c 00000001 00000010 \"Domain not found\""
            + " 00000002 00000000 00000001 00000010 \"Domain not found\" 00000000 00000000 ffffffff ffffffff 00000000";

    @Test
    void clientEncodesTheSeenConnectOpen() {
        byte[] out = RpcCodec.encodeCall(ConnectProcedures.CONNECT_OPEN, 2,
                new RemoteConnectOpenArgs("test:///default", 0));
        assertArrayEquals(Hex.bytes("00000038 20008086 00000001 00000001 00000000 00000002 00000000"
                + " 00000001 0000000f \"test:///default\"+pad 00000000"), out);
    }

    @Test
    void clientEncodesTheSeenListAllDomains() {
        byte[] out = RpcCodec.encodeCall(ConnectListProcedures.CONNECT_LIST_ALL_DOMAINS, 6, new RemoteConnectListAllDomainsArgs(1, 3));
        assertEquals("0000000100000003", Hex.of(out).substring(56));
    }

    @Test
    void clientDecodesTheSeenAuthListReply() {
        RpcMessage m = one(Hex.bytes("00000024 20008086 00000001 00000042 00000001 00000000 00000000"
                + " 00000001 00000000"));
        RemoteAuthListRet ret = RpcCodec.decodeReply(AuthProcedures.AUTH_LIST, m);
        assertEquals(List.of(0), ret.types());
    }

    @Test
    void clientRaisesTheSeenErrorReply() {
        byte[] packet = Hex.bytes("000000?? 20008086 00000001 00000017 00000001 00000003 00000001".replace("??", "00")
                + ERROR_PAYLOAD);
        packet[3] = (byte) packet.length;
        RpcMessage m = one(packet);
        VirtException e = assertThrows(VirtException.class,
                () -> RpcCodec.decodeReply(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, m));
        assertInstanceOf(NotFoundException.class, e);
        VirtError err = e.error();
        assertEquals(new VirtError(42, 12, ErrorLevel.ERROR, "Domain not found", "Domain not found", null, null, -1,
                -1), err);
    }

    @Test
    void serverEncodesTheSeenErrorReplyByteForByte() {
        MessageHeader call = MessageHeader.of(0x20008086, 1, 23, MessageType.CALL, 3, MessageStatus.OK);
        VirtError err = new VirtError(42, 12, ErrorLevel.ERROR, "Domain not found", "Domain not found", null, null,
                -1, -1);
        byte[] out = RpcCodec.encodeError(call, err);
        byte[] payload = Hex.bytes(ERROR_PAYLOAD);
        assertEquals("20008086" + "00000001" + "00000017" + "00000001" + "00000003" + "00000001",
                Hex.of(out).substring(8, 56));
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(out, 28, out.length));
    }

    @Test
    void serverDecodesACallAndRepliesWithTheSameHeader() {
        byte[] call = RpcCodec.encodeCall(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, 9,
                new RemoteDomainLookupByNameArgs("vm1"));
        ServerCall<?, ?> sc = RpcCodec.decodeCall(ProcedureTable.standard(), one(call));
        assertSame(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, sc.procedure());
        assertEquals(new RemoteDomainLookupByNameArgs("vm1"), sc.args());
        assertTrue(sc.allowedOnReadOnly());
        ServerCall<RemoteDomainLookupByNameArgs, RemoteDomainLookupByNameRet> typed =
                sc.as(DomainProcedures.DOMAIN_LOOKUP_BY_NAME);
        assertThrows(IllegalArgumentException.class, () -> sc.as(DomainProcedures.DOMAIN_SUSPEND));
        RemoteNonnullDomain dom = new RemoteNonnullDomain("vm1", new UUID(1, 2), -1);
        RpcMessage reply = one(typed.reply(new RemoteDomainLookupByNameRet(dom)));
        assertEquals(9, reply.header().serial());
        assertEquals(MessageType.REPLY, reply.header().type());
        assertEquals(dom, RpcCodec.decodeReply(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, reply).dom());
    }

    @Test
    void serverRejectsInLibvirtsOrderAndWords() {
        ProcedureTable t = ProcedureTable.standard();
        assertRpcError("Cannot find program 305436821 version 1", () -> RpcCodec.decodeCall(t,
                one(Hex.bytes("0000001c 12349895 00000001 00000001 00000000 00000000 00000000"))));
        assertRpcError("unknown procedure: 999", () -> RpcCodec.decodeCall(t,
                one(Hex.bytes("0000001c 20008086 00000001 000003e7 00000000 00000000 00000000"))));
        assertRpcError("Unexpected message status 2", () -> RpcCodec.decodeCall(t,
                one(Hex.bytes("0000001c 20008086 00000001 00000001 00000000 00000000 00000002"))));
        assertRpcError("Unexpected message type 1", () -> RpcCodec.decodeCall(t,
                one(Hex.bytes("0000001c 20008086 00000001 00000001 00000001 00000000 00000000"))));
        // an event number is not callable
        assertRpcError("unknown procedure: 318", () -> RpcCodec.decodeCall(t,
                one(Hex.bytes("0000001c 20008086 00000001 0000013e 00000000 00000000 00000000"))));
        // LOOKUP_BY_NAME whose string is cut short
        assertRpcError("Unable to decode message payload", () -> RpcCodec.decodeCall(t,
                one(Hex.bytes("00000024 20008086 00000001 00000017 00000000 00000000 00000000 00000009 41424344"))));
    }

    private static void assertRpcError(String message, Runnable r) {
        VirtException e = assertThrows(VirtException.class, r::run);
        assertEquals(message, e.getMessage());
        assertEquals(39, e.error().code());
        assertEquals(7, e.error().domain());
    }

    @Test
    void unknownProcedureBecomesNoSupportOnTheClient() {
        MessageHeader call = MessageHeader.of(0x20008086, 1, 287, MessageType.CALL, 5, MessageStatus.OK);
        RpcMessage reply = one(RpcCodec.encodeError(call, RemoteErrors.unknownProcedure(287)));
        VirtException e = assertThrows(VirtException.class,
                () -> RpcCodec.decodeReply(ConnectListProcedures.CONNECT_LIST_ALL_SECRETS, reply));
        assertInstanceOf(NotSupportedException.class, e);
        assertEquals(ErrorNumber.NO_SUPPORT.code(), e.error().code());
        assertEquals("unknown procedure: 287", e.getMessage());
        // ...but the undecorated wire error still says RPC
        assertEquals(39, RemoteErrors.fromWire(RpcCodec.decodeError(reply)).code());
    }

    @Test
    void legacyRemappingFollowsTheClient() {
        assertEquals(65, remap(61, ErrorDomain.DOMAIN));
        assertEquals(66, remap(62, ErrorDomain.SECRET));
        assertEquals(67, remap(63, ErrorDomain.QEMU));
        assertEquals(62, remap(62, ErrorDomain.NWFILTER));
        assertEquals(68, remap(64, ErrorDomain.QEMU));
        assertEquals(64, remap(64, ErrorDomain.DOMAIN));
        assertEquals(69, remap(65, ErrorDomain.XEN));
        assertEquals(65, remap(65, ErrorDomain.SECRET));
        assertEquals(42, remap(42, ErrorDomain.TEST));
    }

    private static int remap(int code, ErrorDomain domain) {
        return RemoteErrors.legacyRemap(new VirtError(code, domain.code(), ErrorLevel.ERROR, "m", null, null, null,
                -1, -1)).code();
    }

    @Test
    void errorsRoundTripLosslessly() {
        VirtError e = new VirtError(1234, 99, ErrorLevel.WARNING, null, "a", "b", "c", 7, 8);
        assertEquals(e, RemoteErrors.fromWire(RemoteErrors.toWire(e)));
        VirtError ro = RemoteErrors.readOnlyDenied(DomainProcedures.DOMAIN_SUSPEND);
        assertEquals("operation forbidden: read only access prevents virDomainSuspend", ro.message());
        assertEquals(ErrorNumber.OPERATION_DENIED.code(), ro.code());
        assertEquals(ErrorDomain.DOMAIN.code(), ro.domain());
    }

    @Test
    void eventMatchesTheSeenLifecycleMessage() {
        // §7.18 [seen]: callback 0, domain "jtest1" started (id 2), event 2 STARTED, detail 0 BOOTED
        String uuid = "00112233445566778899aabbccddeeff";
        byte[] packet = Hex.bytes("00000048 20008086 00000001 0000013e 00000002 00000001 00000000"
                + " 00000000 00000006 \"jtest1\"+pad " + uuid + " 00000002 00000002 00000000");
        RpcMessage m = one(packet);
        RemoteDomainEventCallbackLifecycleMsg msg =
                RpcCodec.decodeMessage(DomainEventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE, m);
        assertEquals(0, msg.callbackID());
        RemoteDomainEventLifecycleMsg inner = msg.msg();
        assertEquals("jtest1", inner.dom().name());
        assertEquals(2, inner.event());
        assertEquals(0, inner.detail());
        assertArrayEquals(packet, RpcCodec.encodeMessage(DomainEventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE, msg));
        assertSame(DomainEventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                ProcedureTable.standard().lookup(m.header()));
    }

    @Test
    void keepaliveIsAnEmptyMessageWithSerialZero() {
        assertEquals("0000001c" + "6b656570" + "00000001" + "00000001" + "00000002" + "00000000" + "00000000",
                Hex.of(Keepalive.ping()));
        RpcMessage pong = one(Keepalive.pong());
        assertTrue(Keepalive.isPong(pong.header()));
        assertFalse(Keepalive.isPing(pong.header()));
        assertTrue(Keepalive.isPing(one(Keepalive.ping()).header()));
        assertNull(RpcCodec.decodeMessage(ProcedureTable.standard().lookup(pong.header()), pong));
    }
}
