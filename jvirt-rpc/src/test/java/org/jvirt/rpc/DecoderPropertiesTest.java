package org.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jvirt.VirtException;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.FrameEncoder;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.xdr.XdrReader;
import org.jvirt.rpc.xdr.XdrType;

/**
 * Fuzz-style properties for the decoders that read untrusted input: whatever the bytes, the only failure is a
 * VirtException, and nothing allocates far beyond the input.
 */
class DecoderPropertiesTest {

    private static final List<Class<?>> TYPES = RandomValues.allRecordTypes();

    @Property
    void frameDecoderThrowsOnlyVirtException(@ForAll @Size(max = 300) byte[] bytes,
                                             @ForAll @IntRange(min = 1, max = 40) int chunk) {
        FrameDecoder d = new FrameDecoder();
        List<RpcMessage> got = new ArrayList<>();
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                d.feed(bytes, i, Math.min(chunk, bytes.length - i), got::add);
            }
        } catch (VirtException expected) {
            return;
        }
        for (RpcMessage m : got) {
            // what came out re-encodes to packets of the same size
            assertTrue(FrameEncoder.encode(m).length >= 28);
        }
    }

    @Property
    void frameDecoderIsChunkingInvariant(@ForAll("packets") byte[] stream, @ForAll @IntRange(min = 1, max = 50) int chunk) {
        List<RpcMessage> whole = new FrameDecoder().feed(stream);
        FrameDecoder d = new FrameDecoder();
        List<RpcMessage> parts = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            d.feed(stream, i, Math.min(chunk, stream.length - i), parts::add);
        }
        assertEquals(whole, parts);
    }

    @Provide
    Arbitrary<byte[]> packets() {
        Arbitrary<byte[]> one = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(payload -> {
            byte[] p = new byte[28 + payload.length];
            int len = p.length;
            p[0] = (byte) (len >>> 24);
            p[1] = (byte) (len >>> 16);
            p[2] = (byte) (len >>> 8);
            p[3] = (byte) len;
            p[19] = 2; // type MESSAGE: no fd count
            System.arraycopy(payload, 0, p, 28, payload.length);
            return p;
        });
        return one.list().ofMaxSize(5).map(list -> {
            int n = list.stream().mapToInt(b -> b.length).sum();
            byte[] all = new byte[n];
            int at = 0;
            for (byte[] b : list) {
                System.arraycopy(b, 0, all, at, b.length);
                at += b.length;
            }
            return all;
        });
    }

    @Property
    void aClaimedLengthNeverBuysMemory(@ForAll @IntRange(min = 28, max = 33554436) int len,
                                       @ForAll @Size(max = 100) byte[] some) {
        FrameDecoder d = new FrameDecoder();
        byte[] head = {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
        d.feed(head, 0, 4, m -> { });
        try {
            d.feed(some, 0, some.length, m -> { });
        } catch (VirtException expected) {
            return;
        }
        assertTrue(d.isMidPacket() ? frameBytes(d) <= 4096 : true);
    }

    private static int frameBytes(FrameDecoder d) {
        return org.jvirt.rpc.frame.FrameTestAccess.allocated(d);
    }

    @Property
    void recordDecodersThrowOnlyVirtExceptionOnRandomBytes(@ForAll("typeIndex") int type,
                                                           @ForAll @Size(max = 200) byte[] bytes) throws Exception {
        XdrType<?> xdr = xdr(type);
        try {
            xdr.decode(new XdrReader(bytes));
        } catch (VirtException expected) {
            // the only acceptable failure
        }
    }

    @Property
    void mutatedEncodingsThrowOnlyVirtException(@ForAll("typeIndex") int type, @ForAll long seed,
                                                @ForAll @IntRange(min = 0, max = 1000) int where,
                                                @ForAll("evilWords") int word) throws Exception {
        XdrType<?> xdr = xdr(type);
        Object v = new RandomValues(seed).instance(TYPES.get(type));
        byte[] bytes = ((org.jvirt.rpc.xdr.XdrStruct) v).toBytes();
        if (bytes.length >= 4) {
            int at = (where % (bytes.length / 4)) * 4;
            bytes[at] = (byte) (word >>> 24);
            bytes[at + 1] = (byte) (word >>> 16);
            bytes[at + 2] = (byte) (word >>> 8);
            bytes[at + 3] = (byte) word;
        }
        long before = usedHeap();
        try {
            xdr.decode(new XdrReader(bytes));
        } catch (VirtException expected) {
            // fine
        }
        // a forged length must not have bought a big allocation (generous slack for GC noise)
        assertTrue(usedHeap() - before < 64L << 20, "decoder allocated too much");
    }

    @Provide
    Arbitrary<Integer> typeIndex() {
        return Arbitraries.integers().between(0, TYPES.size() - 1);
    }

    @Provide
    Arbitrary<Integer> evilWords() {
        return Arbitraries.oneOf(Arbitraries.of(0x7fffffff, 0xffffffff, 0x80000000, 0x00400001, 0x01000000, 0x3fffffff,
                16385, 65537, 8, 0, 1, 2, 3), Arbitraries.integers());
    }

    private static XdrType<?> xdr(int type) throws ReflectiveOperationException {
        return (XdrType<?>) TYPES.get(type).getField("XDR").get(null);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Property
    void truncatedPayloadsOfCallsAreDecodeErrors(@ForAll("typeIndex") int type, @ForAll long seed) throws Exception {
        XdrType<?> xdr = xdr(type);
        byte[] bytes = ((org.jvirt.rpc.xdr.XdrStruct) new RandomValues(seed).instance(TYPES.get(type))).toBytes();
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 7)) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            try {
                xdr.decode(new XdrReader(prefix));
                throw new AssertionError("a prefix of " + bytes.length + " bytes decoded at " + cut);
            } catch (VirtException expected) {
                assertEquals(39, expected.error().code());
            }
        }
    }
}
