package org.jvirt.rpc.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.VirtException;
import org.jvirt.rpc.Hex;

class FrameTest {

    /** virsh's CONNECT_OPEN, protocol reference §6.1 step 5 [seen]. */
    static final String CONNECT_OPEN = "00000038 20008086 00000001 00000001 00000000 00000002 00000000"
            + " 00000001 0000000f \"test:///default\"+pad 00000000";

    @Test
    void constantsAreLibvirts() {
        assertEquals(33554432, NetLimits.MESSAGE_MAX);
        assertEquals(33554408, NetLimits.PAYLOAD_MAX);
        assertEquals(NetLimits.MESSAGE_MAX - NetLimits.HEADER_MAX, NetLimits.PAYLOAD_MAX);
        assertEquals(65536, NetLimits.MESSAGE_INITIAL);
        assertEquals(262120, NetLimits.LEGACY_PAYLOAD_MAX);
        assertEquals(4194304, NetLimits.STRING_MAX);
        assertEquals(32, NetLimits.NUM_FDS_MAX);
    }

    @Test
    void decodesTheSmallestPacket() {
        // AUTH_LIST call, serial 0, len 28 (§6.1 step 1 [seen])
        List<RpcMessage> ms = new FrameDecoder().feed(
                Hex.bytes("0000001c 20008086 00000001 00000042 00000000 00000000 00000000"));
        assertEquals(1, ms.size());
        MessageHeader h = ms.get(0).header();
        assertEquals(0x20008086, h.program());
        assertEquals(66, h.procedure());
        assertEquals(MessageType.CALL, h.type());
        assertEquals(MessageStatus.OK, h.status());
        assertEquals(0, ms.get(0).payload().length);
    }

    @Test
    void encoderWritesTheSeenConnectOpen() {
        byte[] expected = Hex.bytes(CONNECT_OPEN);
        assertEquals(expected.length, ((expected[0] & 0xff) << 24 | (expected[3] & 0xff)));
        MessageHeader h = MessageHeader.of(0x20008086, 1, 1, MessageType.CALL, 2, MessageStatus.OK);
        byte[] out = FrameEncoder.encode(h, 0, w -> {
            w.writeOptionalString("test:///default", NetLimits.STRING_MAX);
            w.writeUnsignedInt(0);
        });
        assertArrayEquals(expected, out);
    }

    @Test
    void chunksOfAnySizeGiveTheSameMessages() {
        byte[] one = Hex.bytes(CONNECT_OPEN);
        byte[] two = Hex.bytes("0000001c 20008086 00000001 00000042 00000000 00000000 00000000");
        byte[] stream = new byte[one.length * 2 + two.length];
        System.arraycopy(one, 0, stream, 0, one.length);
        System.arraycopy(two, 0, stream, one.length, two.length);
        System.arraycopy(one, 0, stream, one.length + two.length, one.length);
        List<RpcMessage> whole = new FrameDecoder().feed(stream);
        assertEquals(3, whole.size());
        for (int chunk = 1; chunk <= 9; chunk++) {
            FrameDecoder d = new FrameDecoder();
            List<RpcMessage> got = new ArrayList<>();
            for (int i = 0; i < stream.length; i += chunk) {
                d.feed(stream, i, Math.min(chunk, stream.length - i), got::add);
            }
            assertEquals(whole, got);
            assertFalse(d.isMidPacket());
        }
    }

    @Test
    void badLengthWordsAreFatal() {
        assertFatal("00000003", "packet 3 bytes received from server too small, want 4");
        assertFatal("02000005", "packet 33554433 bytes received from server too large, want 33554432");
        assertFatal("ffffffff", "packet 4294967291 bytes received from server too large, want 33554432");
        assertFatal("00000010 00000000 00000000 00000000", "Unable to decode message header");
    }

    private static void assertFatal(String hex, String message) {
        FrameDecoder d = new FrameDecoder();
        VirtException e = assertThrows(VirtException.class, () -> d.feed(Hex.bytes(hex)));
        assertEquals(message, e.getMessage());
        assertEquals(39, e.error().code());
        assertEquals(7, e.error().domain());
        // the decoder stays failed: the connection is over
        assertThrows(VirtException.class, () -> d.feed(new byte[1]));
    }

    @Test
    void aHugeLengthCostsOnlyWhatArrives() {
        FrameDecoder d = new FrameDecoder();
        d.feed(Hex.bytes("02000004 20008086 00000001"));
        assertTrue(d.isMidPacket());
        assertTrue(d.allocated() <= 4096, "allocated " + d.allocated());
    }

    @Test
    void fdCountIsReadAfterTheHeader() {
        MessageHeader h = MessageHeader.of(0x20008086, 1, 249, MessageType.CALL_WITH_FDS, 7, MessageStatus.OK);
        byte[] out = FrameEncoder.encode(h, 1, w -> w.writeInt(42));
        assertEquals(4 + 24 + 4 + 4, out.length);
        RpcMessage m = new FrameDecoder().feed(out).get(0);
        assertEquals(1, m.fdCount());
        assertArrayEquals(Hex.bytes("0000002a"), m.payload());
        byte[] tooMany = Hex.bytes("00000020 20008086 00000001 000000f9 00000004 00000007 00000000 00000021");
        VirtException e = assertThrows(VirtException.class, () -> new FrameDecoder().feed(tooMany));
        assertEquals("Received too many FDs 33, expected 32 maximum", e.getMessage());
    }

    @Test
    void unknownTypeAndStatusAreKeptForTheDispatcher() {
        RpcMessage m = new FrameDecoder().feed(
                Hex.bytes("0000001c 20008086 00000001 00000042 00000009 00000000 00000007")).get(0);
        assertNull(m.header().type());
        assertNull(m.header().status());
        assertEquals(9, m.header().typeCode());
        assertEquals(7, m.header().statusCode());
    }

    @Test
    void encoderRefusesMessagesOverTheLimit() {
        MessageHeader h = MessageHeader.of(0x20008086, 1, 1, MessageType.STREAM, 1, MessageStatus.CONTINUE);
        byte[] big = new byte[NetLimits.PAYLOAD_MAX + 1];
        VirtException e = assertThrows(VirtException.class, () -> FrameEncoder.encode(h, big, 0, big.length));
        assertEquals("Unable to encode message payload", e.getMessage());
        assertEquals(NetLimits.MESSAGE_MAX + 4, FrameEncoder.encode(h, big, 0, big.length - 1).length);
    }
}
