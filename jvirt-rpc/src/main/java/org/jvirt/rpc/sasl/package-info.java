/**
 * SASL as libvirt speaks it, shared by the daemon and the client: the mechanisms ({@link
 * org.jvirt.rpc.sasl.ScramServer}/{@link org.jvirt.rpc.sasl.ScramClient}, RFC 5802/7677 written here because
 * the JDK has no SCRAM; DIGEST-MD5 and GSSAPI through the JDK's {@code javax.security.sasl}, adapted by
 * {@link org.jvirt.rpc.sasl.JdkServerMechanism}/{@link org.jvirt.rpc.sasl.JdkClientMechanism}), the strength
 * (SSF) each one negotiated, and the security layer a mechanism may negotiate: {@link
 * org.jvirt.rpc.sasl.SaslFraming} is the one codec both sides put where bytes are read and written, as
 * libvirt's virNetSocket does with sasl_encode/sasl_decode. No sockets, no threads.
 */
package org.jvirt.rpc.sasl;
