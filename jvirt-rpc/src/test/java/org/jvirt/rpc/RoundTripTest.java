package org.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.jvirt.VirtException;
import org.jvirt.rpc.xdr.XdrReader;
import org.jvirt.rpc.xdr.XdrStruct;
import org.jvirt.rpc.xdr.XdrType;

/** Every generated record: random instances encode, decode back equal, and re-encode to the same bytes. */
class RoundTripTest {

    private static final List<Class<?>> TYPES = RandomValues.allRecordTypes();

    @Test
    void everyStructOfTheProtocolsIsCovered() {
        // remote_protocol.x has 689 structs, qemu 12, lxc 1, admin 30
        assertEquals(689 + 12 + 1 + 30, TYPES.size());
    }

    @TestFactory
    Stream<DynamicTest> recordsRoundTrip() {
        return TYPES.stream().map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> {
            XdrType<?> xdr = (XdrType<?>) c.getField("XDR").get(null);
            RandomValues values = new RandomValues(c.getName().hashCode());
            for (int i = 0; i < 20; i++) {
                roundTrip(xdr, values.instance(c));
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static <T> void roundTrip(XdrType<T> xdr, Object value) {
        byte[] bytes = xdr.toBytes((T) value);
        assertEquals(0, bytes.length % 4, "XDR is 4-byte aligned");
        XdrReader r = new XdrReader(bytes);
        T back = xdr.decode(r);
        r.expectEnd();
        assertEquals(value, back);
        assertEquals(value.hashCode(), back.hashCode());
        assertArrayEquals(bytes, xdr.toBytes(back));
        // every proper prefix fails to decode, and only with libvirt's error
        for (int cut : new int[] {0, bytes.length / 2, bytes.length - 1}) {
            if (cut < bytes.length) {
                byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
                assertThrows(VirtException.class, () -> xdr.decode(new XdrReader(prefix)));
            }
        }
    }

    @Test
    void nullComponentsAreOptionalOrRefused() throws Exception {
        int optional = 0;
        for (Class<?> c : TYPES) {
            XdrType<?> xdr = (XdrType<?>) c.getField("XDR").get(null);
            RandomValues values = new RandomValues(1);
            for (int i = 0; i < c.getRecordComponents().length; i++) {
                if (c.getRecordComponents()[i].getType().isPrimitive()
                        || c.getRecordComponents()[i].getType() == List.class) {
                    continue;
                }
                Object v = values.instanceWithNull(c, i);
                byte[] bytes;
                try {
                    bytes = ((XdrStruct) v).toBytes();
                } catch (VirtException refused) {
                    continue;
                }
                optional++;
                assertEquals(v, xdr.fromBytes(bytes));
            }
        }
        assertTrue(optional > 80, "optional fields found: " + optional);
    }
}
