package org.jvirt.rpc.xdr;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;

/**
 * Builds the errors of the XDR layer. libvirt reports every XDR failure with one sentence ("Unable to decode
 * message payload" / "Unable to encode message payload", code RPC, domain RPC); we keep that sentence as the
 * message so that it reads like libvirt's, and put what exactly went wrong into the cause for our own logs.
 */
public final class XdrException {

    /** libvirt's words for a payload that does not decode (virNetMessageDecodePayload). */
    public static final String DECODE_MESSAGE = "Unable to decode message payload";
    /** libvirt's words for a payload that does not encode (virNetMessageEncodePayload). */
    public static final String ENCODE_MESSAGE = "Unable to encode message payload";

    private XdrException() {
    }

    /** An input that is not a valid encoding of the expected type. */
    public static VirtException decode(String detail) {
        return rpc(DECODE_MESSAGE, detail);
    }

    /** A value that cannot be encoded (too long, too many elements, a null where the protocol has none). */
    public static VirtException encode(String detail) {
        return rpc(ENCODE_MESSAGE, detail);
    }

    /** An RPC error (code 39, domain 7) with libvirt's message and our own detail as the cause. */
    public static VirtException rpc(String message, String detail) {
        VirtError error = VirtError.of(ErrorDomain.RPC, ErrorNumber.RPC, message);
        return new VirtException(error, detail == null ? null : new Detail(detail));
    }

    /** Carries the precise reason; never crosses the wire. */
    static final class Detail extends RuntimeException {
        Detail(String message) {
            super(message, null, false, false);
        }
    }
}
