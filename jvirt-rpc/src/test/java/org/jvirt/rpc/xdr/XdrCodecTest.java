package org.jvirt.rpc.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.rpc.Hex;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetAllDomainStatsRet;
import org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetInfoRet;
import org.jvirt.rpc.proto.remote.NodeTypes.RemoteNodeGetInfoRet;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;

class XdrCodecTest {

    private static byte[] write(java.util.function.Consumer<XdrWriter> c) {
        XdrWriter w = new XdrWriter();
        c.accept(w);
        return w.toByteArray();
    }

    private static void assertDecodeError(Runnable r) {
        VirtException e = assertThrows(VirtException.class, r::run);
        assertEquals(ErrorNumber.RPC.code(), e.error().code());
        assertEquals(ErrorDomain.RPC.code(), e.error().domain());
        assertEquals("Unable to decode message payload", e.getMessage());
    }

    @Test
    void primitivesAreBigEndianAndFourOrEightBytes() {
        assertEquals("fffffffe", Hex.of(write(w -> w.writeInt(-2))));
        assertEquals("80000000", Hex.of(write(w -> w.writeUnsignedInt(0x80000000))));
        assertEquals("0000000100000002", Hex.of(write(w -> w.writeHyper(0x100000002L))));
        assertEquals("3ff0000000000000", Hex.of(write(w -> w.writeDouble(1.0))));
        assertEquals("00000001", Hex.of(write(w -> w.writeBool(true))));
        XdrReader r = new XdrReader(Hex.bytes("fffffffe 80000000 0000000100000002 3ff0000000000000 00000005"));
        assertEquals(-2, r.readInt());
        assertEquals(0x80000000L, Integer.toUnsignedLong(r.readUnsignedInt()));
        assertEquals(0x100000002L, r.readHyper());
        assertEquals(1.0, r.readDouble());
        assertTrue(r.readBool()); // glibc: any non-zero is true
        r.expectEnd();
    }

    @Test
    void stringsArePaddedToFourBytes() {
        assertEquals("00000004" + "74657374", Hex.of(write(w -> w.writeString("test", 100))));
        assertEquals("00000005" + "6869646465" + "000000", Hex.of(write(w -> w.writeString("hidde", 100))));
        assertEquals("00000000", Hex.of(write(w -> w.writeString("", 100))));
        assertEquals("hidde", new XdrReader(Hex.bytes("00000005 6869646465 000000")).readString(100));
    }

    @Test
    void optionalIsAFourByteFlagAndAnyNonZeroMeansPresent() {
        assertEquals("00000000", Hex.of(write(w -> w.writeOptionalString(null, 10))));
        assertEquals("00000001" + "00000001" + "61000000", Hex.of(write(w -> w.writeOptionalString("a", 10))));
        // go-libvirt sends 0x01000000 as the discriminant
        assertEquals("a", new XdrReader(Hex.bytes("01000000 00000001 61000000")).readOptionalString(10));
        assertNull(new XdrReader(Hex.bytes("00000000")).readOptionalString(10));
    }

    @Test
    void opaqueFixedAndVariable() {
        assertEquals("010203" + "00", Hex.of(write(w -> w.writeFixedOpaque(new byte[] {1, 2, 3}, 3))));
        assertEquals("00000003" + "010203" + "00", Hex.of(write(w -> w.writeOpaque(new byte[] {1, 2, 3}, 8))));
        assertArrayEquals(new byte[] {1, 2, 3}, new XdrReader(Hex.bytes("00000003 01020300")).readOpaque(8));
        assertThrows(VirtException.class, () -> write(w -> w.writeFixedOpaque(new byte[2], 3)));
    }

    @Test
    void charsAreWidenedToFourBytesEach() {
        byte[] model = new byte[32];
        System.arraycopy("x86_64".getBytes(), 0, model, 0, 6);
        byte[] wire = write(w -> w.writeFixedChars(model, 32));
        assertEquals(128, wire.length);
        assertEquals("00000078" + "00000038", Hex.of(wire).substring(0, 16));
        assertArrayEquals(model, new XdrReader(wire).readFixedChars(32));
        // security model "testSecurity" goes with its NUL: count 13, 13 x 4 bytes
        byte[] label = "testSecurity\0".getBytes();
        byte[] lw = write(w -> w.writeChars(label, 257));
        assertEquals(4 + 13 * 4, lw.length);
        assertEquals("0000000d", Hex.of(lw).substring(0, 8));
        // C char is signed: 0xC3 is sent sign-extended and comes back as the same byte
        assertEquals("ffffffc3", Hex.of(write(w -> w.writeFixedChars(new byte[] {(byte) 0xc3}, 1))));
    }

    @Test
    void domainHandleMatchesTheSeenBytes() {
        // protocol reference §3.3 [seen]
        byte[] wire = Hex.bytes("00000004 74657374 6695eb01f6a4830479aa97f2502e193f 00000001");
        RemoteNonnullDomain dom = RemoteNonnullDomain.decode(new XdrReader(wire));
        assertEquals(new RemoteNonnullDomain("test", UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1),
                dom);
        assertArrayEquals(wire, RemoteNonnullDomain.XDR.toBytes(dom));
    }

    @Test
    void typedParamsMatchTheSeenBytes() {
        // protocol reference §3.4 [seen], CONNECT_GET_ALL_DOMAIN_STATS
        byte[] wire = Hex.bytes("0000000b \"state.state\"+pad 00000001 00000001"
                + " 0000000c \"state.reason\"+pad 00000001 00000005");
        XdrReader r = new XdrReader(wire);
        RemoteTypedParam a = RemoteTypedParam.decode(r);
        RemoteTypedParam b = RemoteTypedParam.decode(r);
        r.expectEnd();
        assertEquals(new RemoteTypedParam("state.state", new RemoteTypedParamValue.IntValue(1)), a);
        assertEquals(new RemoteTypedParam("state.reason", new RemoteTypedParamValue.IntValue(5)), b);
        assertArrayEquals(wire, write(w -> {
            a.encode(w);
            b.encode(w);
        }));
    }

    @Test
    void everyTypedParamArmRoundTrips() {
        List<RemoteTypedParamValue> values = List.of(new RemoteTypedParamValue.IntValue(-1),
                new RemoteTypedParamValue.UintValue(0xffffffff), new RemoteTypedParamValue.LlongValue(Long.MIN_VALUE),
                new RemoteTypedParamValue.UllongValue(-1L), new RemoteTypedParamValue.DoubleValue(2.5),
                new RemoteTypedParamValue.BooleanValue(true), new RemoteTypedParamValue.StringValue("x"));
        for (RemoteTypedParamValue v : values) {
            assertEquals(v, RemoteTypedParamValue.XDR.fromBytes(RemoteTypedParamValue.XDR.toBytes(v)));
        }
        assertEquals("00000006" + "00000001",
                Hex.of(RemoteTypedParamValue.XDR.toBytes(new RemoteTypedParamValue.BooleanValue(true))));
    }

    @Test
    void unknownTypedParamTypeDoesNotDecode() {
        assertDecodeError(() -> RemoteTypedParamValue.XDR.fromBytes(Hex.bytes("00000008 00000000")));
    }

    @Test
    void smallIntegersOfTheInfoStructsAreFourBytes() {
        // DOMAIN_GET_INFO ret: uchar state and ushort nrVirtCpu are 4-byte ints (§3.1 [seen])
        RemoteDomainGetInfoRet info = new RemoteDomainGetInfoRet(1, 8388608, 2097152, 2, 123);
        assertEquals(4 + 8 + 8 + 4 + 8, RemoteDomainGetInfoRet.XDR.toBytes(info).length);
        byte[] model = new byte[32];
        RemoteNodeGetInfoRet node = new RemoteNodeGetInfoRet(model, 3145728, 16, 1400, 2, 2, 2, 2);
        assertEquals(128 + 8 + 6 * 4, RemoteNodeGetInfoRet.XDR.toBytes(node).length);
    }

    @Test
    void lengthsBeyondTheDeclaredMaximumAreRejected() {
        assertDecodeError(() -> new XdrReader(Hex.bytes("00000005 6869646465 000000")).readString(4));
        assertDecodeError(() -> new XdrReader(Hex.bytes("00000003 00000001 00000002 00000003"))
                .readArray(2, XdrReader::readInt));
        VirtException e = assertThrows(VirtException.class, () -> write(w -> w.writeString("hello", 4)));
        assertEquals("Unable to encode message payload", e.getMessage());
        assertThrows(VirtException.class, () -> write(w -> w.writeArray(List.of(1, 2, 3), 2, XdrWriter::writeInt)));
    }

    @Test
    void forgedCountsFailBeforeAllocating() {
        // a count of 2^31-1 with four bytes behind it: rejected from the arithmetic, nothing allocated
        assertDecodeError(() -> new XdrReader(Hex.bytes("7fffffff 00000000"))
                .readArray(Integer.MAX_VALUE, XdrReader::readInt));
        assertDecodeError(() -> new XdrReader(Hex.bytes("7fffffff 00000000")).readOpaque(Integer.MAX_VALUE));
        assertDecodeError(() -> new XdrReader(Hex.bytes("ffffffff 00000000")).readString(Integer.MAX_VALUE));
        assertDecodeError(() -> new XdrReader(Hex.bytes("7fffffff")).readChars(Integer.MAX_VALUE));
        // a real struct: 16384 domains claimed, none sent
        assertDecodeError(() -> RemoteConnectGetAllDomainStatsRet.XDR.fromBytes(Hex.bytes("00004000")));
    }

    @Test
    void truncationIsADecodeError() {
        assertDecodeError(() -> new XdrReader(new byte[3]).readInt());
        assertDecodeError(() -> new XdrReader(Hex.bytes("00000005 68696464")).readString(10));
        assertDecodeError(() -> new XdrReader(Hex.bytes("00000005 6869646465")).readString(10)); // no padding
        assertDecodeError(() -> RemoteNonnullDomain.XDR.fromBytes(Hex.bytes("00000004 74657374 6695eb01")));
    }

    @Test
    void nullWhereTheProtocolHasNoneIsAnEncodeError() {
        VirtException e = assertThrows(VirtException.class,
                () -> RemoteNonnullDomain.XDR.toBytes(new RemoteNonnullDomain(null, new UUID(0, 0), 1)));
        assertEquals("Unable to encode message payload", e.getMessage());
        assertFalse(e.getCause() == null);
    }

    @Test
    void writerRefusesToGrowBeyondItsCap() {
        XdrWriter w = new XdrWriter(16, 64);
        assertThrows(VirtException.class, () -> w.writeOpaque(new byte[100], 1000));
    }
}
