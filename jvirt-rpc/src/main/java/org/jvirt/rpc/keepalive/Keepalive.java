package org.jvirt.rpc.keepalive;

import org.jvirt.rpc.Program;
import org.jvirt.rpc.frame.FrameEncoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.proto.keepalive.KeepaliveProcedures;

/**
 * The keepalive program's two packets: MESSAGE, status OK, serial 0, empty payload, procedure PING (1) or
 * PONG (2). Either side may PING; the receiver answers PONG at once. Timers live with the connection.
 */
public final class Keepalive {

    private static final byte[] PING = FrameEncoder.encode(header(KeepaliveProcedures.PING.number()));
    private static final byte[] PONG = FrameEncoder.encode(header(KeepaliveProcedures.PONG.number()));

    private Keepalive() {
    }

    private static MessageHeader header(int proc) {
        return MessageHeader.of(Program.KEEPALIVE.number(), Program.KEEPALIVE.version(), proc, MessageType.MESSAGE, 0,
                MessageStatus.OK);
    }

    /** A PING packet (a fresh copy). */
    public static byte[] ping() {
        return PING.clone();
    }

    /** A PONG packet (a fresh copy). */
    public static byte[] pong() {
        return PONG.clone();
    }

    public static boolean isKeepalive(MessageHeader h) {
        return h.program() == Program.KEEPALIVE.number();
    }

    /** A PING that must be answered with {@link #pong()}. */
    public static boolean isPing(MessageHeader h) {
        return isKeepalive(h) && h.version() == Program.KEEPALIVE.version() && h.is(MessageType.MESSAGE)
                && h.procedure() == KeepaliveProcedures.PING.number();
    }

    public static boolean isPong(MessageHeader h) {
        return isKeepalive(h) && h.version() == Program.KEEPALIVE.version() && h.is(MessageType.MESSAGE)
                && h.procedure() == KeepaliveProcedures.PONG.number();
    }
}
