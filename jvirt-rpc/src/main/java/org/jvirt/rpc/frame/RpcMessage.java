package org.jvirt.rpc.frame;

import java.util.Arrays;
import java.util.Objects;

import org.jvirt.rpc.xdr.XdrReader;

/**
 * One whole packet as it came off (or goes onto) the wire: the header, the number of file descriptors that
 * follow it (only for *_WITH_FDS types; the descriptors themselves travel out of band), and the payload bytes
 * still undecoded — the receiver decodes them once it knows the procedure.
 *
 * @param header  the decoded header
 * @param fdCount the u32 that follows the header of CALL_WITH_FDS / REPLY_WITH_FDS packets; 0 otherwise
 * @param payload the bytes after the header (and after the fd count)
 */
public record RpcMessage(MessageHeader header, int fdCount, byte[] payload) {

    public RpcMessage {
        Objects.requireNonNull(header);
        Objects.requireNonNull(payload);
    }

    /** A reader positioned at the start of the payload. */
    public XdrReader payloadReader() {
        return new XdrReader(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcMessage m && header.equals(m.header) && fdCount == m.fdCount
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, fdCount, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RpcMessage[" + header + ", fds=" + fdCount + ", payload=" + payload.length + " bytes]";
    }
}
