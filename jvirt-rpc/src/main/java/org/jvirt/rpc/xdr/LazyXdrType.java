package org.jvirt.rpc.xdr;

/**
 * A codec resolved on first use from its {@link XdrCodecs}; then it only forwards. Two threads that race on the
 * first use both resolve the same constant, so the field needs no lock (and the codec it holds is immutable).
 */
final class LazyXdrType<T> implements XdrType<T> {

    private final XdrCodecs codecs;
    private final int index;
    private XdrType<T> codec;

    LazyXdrType(XdrCodecs codecs, int index) {
        this.codecs = codecs;
        this.index = index;
    }

    @SuppressWarnings("unchecked")
    private XdrType<T> codec() {
        XdrType<T> c = codec;
        if (c == null) {
            c = (XdrType<T>) codecs.resolve(index);
            codec = c;
        }
        return c;
    }

    @Override
    public void encode(XdrWriter w, T value) {
        codec().encode(w, value);
    }

    @Override
    public T decode(XdrReader r) {
        return codec().decode(r);
    }

    @Override
    public Class<T> javaType() {
        return codec().javaType();
    }

    @Override
    public String toString() {
        return codec().toString();
    }
}
