package org.jvirt.rpc.sasl;

import javax.security.sasl.SaslException;

/**
 * The integrity or confidentiality layer a mechanism negotiated (DIGEST-MD5 or GSSAPI with auth-int or
 * auth-conf). Every byte after the authentication travels as wrapped tokens.
 */
public interface SecurityLayer {

    byte[] wrap(byte[] plain, int off, int len) throws SaslException;

    byte[] unwrap(byte[] token, int off, int len) throws SaslException;

    /** The most plain bytes one token may carry (the peer's receive buffer, SASL_MAXOUTBUF). */
    int maxRawSend();

    /** libvirt's SSF: the security strength in bits the layer gives (56 = DES, the minimum on plain TCP). */
    int ssf();
}
