package org.jvirt.rpc;

import java.util.Objects;

import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.rpc.frame.FrameEncoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteError;
import org.jvirt.rpc.xdr.XdrReader;

/**
 * From declarations to packets and back: what a client stub and the daemon's dispatcher call around the socket.
 *
 * <pre>{@code
 * // client
 * byte[] out = RpcCodec.encodeCall(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, serial, new RemoteDomainLookupByNameArgs("vm"));
 * RemoteDomainLookupByNameRet ret = RpcCodec.decodeReply(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, replyMessage);
 *
 * // server
 * ServerCall<?, ?> call = RpcCodec.decodeCall(ProcedureTable.standard(), message);   // VirtException: reply
 * byte[] answer = call.as(DomainProcedures.DOMAIN_LOOKUP_BY_NAME).reply(ret);   // or call.error(virtError)
 * }</pre>
 */
public final class RpcCodec {

    /** libvirtd sends its events with serial 1 (seen on the wire); receivers ignore it. */
    public static final int EVENT_SERIAL = 1;

    private RpcCodec() {
    }

    // ------------------------------------------------------------------------------------------ client side

    /** A CALL packet (status OK). A procedure whose arguments are void takes {@code null}. */
    public static <A> byte[] encodeCall(Procedure<A, ?> procedure, int serial, A args) {
        return encodeCall(procedure, serial, args, 0);
    }

    /** A CALL_WITH_FDS packet announcing {@code fdCount} descriptors (sent separately by the transport). */
    public static <A> byte[] encodeCall(Procedure<A, ?> procedure, int serial, A args, int fdCount) {
        requireCall(procedure);
        MessageType type = fdCount > 0 ? MessageType.CALL_WITH_FDS : MessageType.CALL;
        MessageHeader h = MessageHeader.of(procedure.program().number(), procedure.program().version(),
                procedure.number(), type, serial, MessageStatus.OK);
        return FrameEncoder.encode(h, fdCount, w -> procedure.args().encode(w, args));
    }

    /**
     * The result of a reply: the decoded return value for status OK, or the server's error — rewritten as
     * libvirt's client rewrites it ({@link RemoteErrors#forClient}) — thrown as a {@link VirtException}.
     * A packet that is not a reply to this procedure, or whose payload does not decode, is an RPC error.
     */
    public static <R> R decodeReply(Procedure<?, R> procedure, RpcMessage reply) {
        MessageHeader h = reply.header();
        if (!h.is(MessageType.REPLY) && !h.is(MessageType.REPLY_WITH_FDS)) {
            throw new VirtException(RemoteErrors.unexpectedType(h.typeCode()));
        }
        if (h.program() != procedure.program().number() || h.procedure() != procedure.number()) {
            throw new VirtException(RemoteErrors.rpc("Unexpected message proc " + h.procedure() + " != "
                    + procedure.number()));
        }
        if (h.is(MessageStatus.ERROR)) {
            throw RemoteErrors.forClient(decodeError(reply));
        }
        if (!h.is(MessageStatus.OK)) {
            throw new VirtException(RemoteErrors.unexpectedStatus(h.statusCode()));
        }
        return procedure.ret().decode(reply.payloadReader());
    }

    /** The payload of a MESSAGE packet (an event) for the declaration that matches its procedure number. */
    public static <A> A decodeMessage(Procedure<A, ?> procedure, RpcMessage message) {
        if (!message.header().is(MessageType.MESSAGE)) {
            throw new VirtException(RemoteErrors.unexpectedType(message.header().typeCode()));
        }
        return procedure.args().decode(message.payloadReader());
    }

    /** The {@code remote_error} payload of an ERROR packet, undecorated. */
    public static RemoteError decodeError(RpcMessage message) {
        return RemoteError.decode(message.payloadReader());
    }

    // ------------------------------------------------------------------------------------------ server side

    /**
     * Resolves and decodes a CALL in libvirt's order of checks. Any {@link VirtException} it throws carries the
     * error to send back with {@link #encodeError(MessageHeader, VirtError)} for the message's header — except
     * when the packet was not a call at all, where libvirt sends no error reply ({@link #isCall}).
     */
    public static ServerCall<?, ?> decodeCall(ProcedureTable table, RpcMessage message) {
        MessageHeader h = message.header();
        if (!table.hasProgram(h.program(), h.version())) {
            throw new VirtException(RemoteErrors.unknownProgram(h.program(), h.version()));
        }
        if (!isCall(h)) {
            throw new VirtException(RemoteErrors.unexpectedType(h.typeCode()));
        }
        if (!h.is(MessageStatus.OK)) {
            throw new VirtException(RemoteErrors.unexpectedStatus(h.statusCode()));
        }
        Procedure<?, ?> p = table.lookup(h);
        if (p.isMessage()) {
            throw new VirtException(RemoteErrors.unknownProcedure(h.procedure()));
        }
        return decodeArgs(p, h, message);
    }

    private static <A, R> ServerCall<A, R> decodeArgs(Procedure<A, R> p, MessageHeader h, RpcMessage message) {
        XdrReader r = message.payloadReader();
        A args = p.args().decode(r);
        return new ServerCall<>(p, h, message.fdCount(), args);
    }

    /** Whether a header is a call (the only packets libvirt answers with an error reply). */
    public static boolean isCall(MessageHeader h) {
        return h.is(MessageType.CALL) || h.is(MessageType.CALL_WITH_FDS);
    }

    /** REPLY/OK echoing the call's program, version, procedure and serial. */
    public static <R> byte[] encodeReply(Procedure<?, R> procedure, MessageHeader call, R ret) {
        return encodeReply(procedure, call, ret, 0);
    }

    /** As {@link #encodeReply(Procedure, MessageHeader, Object)}, as REPLY_WITH_FDS when fds are returned. */
    public static <R> byte[] encodeReply(Procedure<?, R> procedure, MessageHeader call, R ret, int fdCount) {
        MessageType type = fdCount > 0 ? MessageType.REPLY_WITH_FDS : MessageType.REPLY;
        return FrameEncoder.encode(call.with(type, MessageStatus.OK), fdCount,
                w -> procedure.ret().encode(w, ret));
    }

    /** REPLY/ERROR carrying {@code remote_error}, echoing the call's header. */
    public static byte[] encodeError(MessageHeader call, VirtError error) {
        Objects.requireNonNull(error);
        RemoteError wire = RemoteErrors.toWire(error);
        return FrameEncoder.encode(call.with(MessageType.REPLY, MessageStatus.ERROR), 0, wire::encode);
    }

    /** A MESSAGE packet (an event) with libvirtd's serial. */
    public static <A> byte[] encodeMessage(Procedure<A, ?> procedure, A payload) {
        if (!procedure.isMessage()) {
            throw new IllegalArgumentException(procedure + " is not a message");
        }
        MessageHeader h = MessageHeader.of(procedure.program().number(), procedure.program().version(),
                procedure.number(), MessageType.MESSAGE, EVENT_SERIAL, MessageStatus.OK);
        return FrameEncoder.encode(h, 0, w -> procedure.args().encode(w, payload));
    }

    private static void requireCall(Procedure<?, ?> procedure) {
        if (procedure.isMessage()) {
            throw new IllegalArgumentException(procedure + " is a message, not a call");
        }
    }
}
