package org.jvirt.rpc.sasl;

import javax.security.sasl.SaslException;

/** The daemon's side of one mechanism exchange (sasl_server_start / sasl_server_step). */
public interface ServerMechanism extends AutoCloseable {

    String name();

    /**
     * Answers the client's data ({@code null} is SASL's "no data", distinct from empty). The answer is null when
     * there is nothing to send. A failure (bad proof, unknown user) is a {@link SaslException}.
     */
    byte[] evaluate(byte[] response) throws SaslException;

    boolean isComplete();

    /** The authenticated identity (libvirt's SASL username), once complete. */
    String identity();

    /** The layer negotiated, or null when the mechanism negotiated none (SSF 0). */
    SecurityLayer securityLayer();

    @Override
    default void close() {
    }
}
