package org.jvirt.rpc.sasl;

import javax.security.sasl.SaslException;

/** The client's side of one mechanism exchange (sasl_client_start / sasl_client_step). */
public interface ClientMechanism extends AutoCloseable {

    String name();

    /** The initial response sent with AUTH_SASL_START, or null when the mechanism has none. */
    byte[] start() throws SaslException;

    /** Answers the server's challenge; null when there is nothing to send. */
    byte[] evaluate(byte[] challenge) throws SaslException;

    boolean isComplete();

    /** The layer negotiated, or null (SSF 0). */
    SecurityLayer securityLayer();

    @Override
    default void close() {
    }
}
