package org.jvirt.rpc.xdr;

/**
 * A value that writes itself as XDR. Every generated wire record implements it, and pairs it with a static
 * {@code decode(XdrReader)} and a {@code XDR} constant of type {@link XdrType}.
 */
public interface XdrStruct {

    void encode(XdrWriter w);

    /** How generated records print byte fields: the size, not the (possibly megabytes of) content. */
    static String describe(byte[] bytes) {
        return bytes == null ? "null" : "byte[" + bytes.length + "]";
    }

    /** This value alone, encoded. */
    default byte[] toBytes() {
        XdrWriter w = new XdrWriter();
        encode(w);
        return w.toByteArray();
    }
}
