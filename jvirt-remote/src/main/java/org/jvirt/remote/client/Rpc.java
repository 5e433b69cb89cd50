package org.jvirt.remote.client;

import org.jvirt.rpc.Procedure;

/** What a stub needs from a connection: call a procedure, or call one that opens a stream. */
public interface Rpc {

    /** Calls and waits for the reply; the server's error is thrown as libvirt's client would raise it. */
    <A, R> R call(Procedure<A, R> procedure, A args);

    /** Calls a stream procedure; the channel exists before the call is sent, so no early data is lost. */
    <A, R> StreamChannel.Opened<R> openStream(Procedure<A, R> procedure, A args);

    /** Whether the server answered 1 to CONNECT_SUPPORTS_FEATURE(feature); answers are cached per connection. */
    boolean supports(int feature);

    /** The transport encrypts (TLS). */
    boolean encrypted();

    /** The transport counts as secure (everything but plain TCP). */
    boolean transportSecure();

    boolean isOpen();
}
