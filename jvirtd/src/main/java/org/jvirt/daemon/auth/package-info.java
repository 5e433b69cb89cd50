/**
 * Who a client is and how it proves it, as libvirtd does on the wire: the authentication scheme of each
 * socket ({@link org.jvirt.daemon.auth.AuthScheme}, {@link org.jvirt.daemon.auth.AuthConfig}), the per-client
 * state and identity ({@link org.jvirt.daemon.auth.ClientAuth}), the AUTH_LIST / AUTH_SASL_* / AUTH_POLKIT
 * procedures ({@link org.jvirt.daemon.auth.AuthServe}), the mechanisms offered ({@link
 * org.jvirt.daemon.auth.SaslMechanisms}), jvirt's password file and its tool ({@link
 * org.jvirt.daemon.auth.PasswordFile}, {@link org.jvirt.daemon.auth.SaslPasswd}), and the transport decorator
 * that switches to the negotiated security layer ({@link org.jvirt.transport.SaslTransport}).
 */
package org.jvirt.daemon.auth;
