package org.jvirt.rpc.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.rpc.Hex;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;

class StreamPacketsTest {

    private static final MessageHeader CALL =
            MessageHeader.of(0x20008086, 1, 209, MessageType.CALL, 17, MessageStatus.OK);

    private static RpcMessage one(byte[] packet) {
        return new FrameDecoder().feed(packet).get(0);
    }

    @Test
    void dataEchoesTheCallAndCarriesRawBytes() {
        byte[] p = StreamPackets.data(CALL, new byte[] {1, 2, 3}, 0, 3);
        assertEquals("0000001f 20008086 00000001 000000d1 00000003 00000011 00000002 010203".replace(" ", ""),
                Hex.of(p));
        assertEquals(new StreamPacket.Data(new byte[] {1, 2, 3}), StreamPackets.decode(one(p)));
    }

    @Test
    void emptyContinueIsEof() {
        byte[] p = StreamPackets.eof(CALL);
        assertEquals(28, p.length);
        StreamPacket.Data d = assertInstanceOf(StreamPacket.Data.class, StreamPackets.decode(one(p)));
        assertTrue(d.isEof());
    }

    @Test
    void holeIsHyperAndFlags() {
        byte[] p = StreamPackets.hole(CALL, 1L << 33, 0);
        assertEquals("00000002" + "00000000" + "00000000", Hex.of(p).substring(56));
        assertEquals(MessageType.STREAM_HOLE, one(p).header().type());
        assertEquals(new StreamPacket.Hole(new StreamHole(1L << 33, 0)), StreamPackets.decode(one(p)));
    }

    @Test
    void finishAbortAndFailure() {
        assertInstanceOf(StreamPacket.Finish.class, StreamPackets.decode(one(StreamPackets.finish(CALL))));
        assertInstanceOf(StreamPacket.Abort.class, StreamPackets.decode(one(StreamPackets.abort(CALL))));
        VirtError err = VirtError.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED, "disk on fire");
        StreamPacket.Failure f = assertInstanceOf(StreamPacket.Failure.class,
                StreamPackets.decode(one(StreamPackets.error(CALL, err))));
        assertEquals(err, f.error());
    }

    @Test
    void otherPacketsAreNotStreamPackets() {
        MessageHeader reply = CALL.with(MessageType.REPLY, MessageStatus.OK);
        assertThrows(VirtException.class, () -> StreamPackets.decode(new RpcMessage(reply, 0, new byte[0])));
        assertThrows(VirtException.class, () -> StreamPackets.decode(new RpcMessage(
                CALL.with(MessageType.STREAM_HOLE, MessageStatus.CONTINUE), 0, new byte[3])));
    }
}
