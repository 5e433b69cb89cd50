package org.jvirt.rpc.xdr;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The codec of one wire type: how to write a value and how to read one back. Procedure declarations name the
 * XdrType of their arguments and of their reply; {@link #VOID} stands for "no payload".
 *
 * @param <T> the Java type; {@code Void} for an empty payload
 */
public interface XdrType<T> {

    void encode(XdrWriter w, T value);

    T decode(XdrReader r);

    /** The Java class of the values (for diagnostics and for the round-trip tests). */
    Class<T> javaType();

    /** The empty payload. Encodes nothing, decodes to null. */
    XdrType<Void> VOID = new XdrType<>() {
        @Override
        public void encode(XdrWriter w, Void value) {
        }

        @Override
        public Void decode(XdrReader r) {
            return null;
        }

        @Override
        public Class<Void> javaType() {
            return Void.class;
        }

        @Override
        public String toString() {
            return "void";
        }
    };

    /** The codec of a generated record: it encodes itself and has a static decoder. */
    static <T extends XdrStruct> XdrType<T> struct(Class<T> type, Function<XdrReader, T> decoder) {
        return of(type, (w, v) -> w.write(v), decoder);
    }

    static <T> XdrType<T> of(Class<T> type, BiConsumer<XdrWriter, T> encoder, Function<XdrReader, T> decoder) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter w, T value) {
                encoder.accept(w, value);
            }

            @Override
            public T decode(XdrReader r) {
                return decoder.apply(r);
            }

            @Override
            public Class<T> javaType() {
                return type;
            }

            @Override
            public String toString() {
                return type.getSimpleName();
            }
        };
    }

    /** Encodes one value into a fresh byte array. */
    default byte[] toBytes(T value) {
        XdrWriter w = new XdrWriter();
        encode(w, value);
        return w.toByteArray();
    }

    /** Decodes one value from bytes, ignoring any tail as libvirt does. */
    default T fromBytes(byte[] bytes) {
        return decode(new XdrReader(bytes));
    }
}
