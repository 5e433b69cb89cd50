package org.jvirt.rpc;

import org.jvirt.VirtError;
import org.jvirt.rpc.frame.MessageHeader;

/**
 * A decoded call, as the daemon's dispatcher receives it: the declaration, the header (whose program, version,
 * procedure and serial every answer must echo), the fd count and the decoded arguments. Answer it with
 * {@link #reply} or {@link #error}.
 *
 * @param <A> the argument type
 * @param <R> the reply type
 */
public record ServerCall<A, R>(Procedure<A, R> procedure, MessageHeader header, int fdCount, A args) {

    /** The REPLY/OK packet carrying {@code ret}. */
    public byte[] reply(R ret) {
        return RpcCodec.encodeReply(procedure, header, ret);
    }

    /** The REPLY/ERROR packet carrying {@code error}. */
    public byte[] error(VirtError error) {
        return RpcCodec.encodeError(header, error);
    }

    /**
     * This call with its static types, once the dispatcher knows which declaration it is:
     * {@code if (call.procedure() == DOMAIN_SUSPEND) { var c = call.as(DOMAIN_SUSPEND); ... }}.
     */
    @SuppressWarnings("unchecked")
    public <A2, R2> ServerCall<A2, R2> as(Procedure<A2, R2> declaration) {
        if (procedure != declaration) {
            throw new IllegalArgumentException(procedure + " is not " + declaration);
        }
        return (ServerCall<A2, R2>) this;
    }

    /** Whether a read-only connection may make this call with these arguments. */
    public boolean allowedOnReadOnly() {
        return procedure.allowedOnReadOnly(args);
    }
}
