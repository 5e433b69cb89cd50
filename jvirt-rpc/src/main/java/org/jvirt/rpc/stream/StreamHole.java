package org.jvirt.rpc.stream;

import org.jvirt.rpc.xdr.XdrReader;
import org.jvirt.rpc.xdr.XdrStruct;
import org.jvirt.rpc.xdr.XdrType;
import org.jvirt.rpc.xdr.XdrWriter;

/**
 * virNetStreamHole, the payload of a STREAM_HOLE packet: "length bytes of hole here" in a sparse stream.
 *
 * @param length the size of the hole in bytes
 * @param flags  unused by libvirt 9.0, always 0
 */
public record StreamHole(long length, int flags) implements XdrStruct {

    public static final XdrType<StreamHole> XDR = XdrType.struct(StreamHole.class, StreamHole::decode);

    @Override
    public void encode(XdrWriter w) {
        w.writeHyper(length);
        w.writeUnsignedInt(flags);
    }

    public static StreamHole decode(XdrReader r) {
        return new StreamHole(r.readHyper(), r.readUnsignedInt());
    }
}
