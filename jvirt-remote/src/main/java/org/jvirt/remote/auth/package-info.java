/**
 * The client's side of libvirt's authentication: SASL over AUTH_SASL_INIT/START/STEP ({@link
 * org.jvirt.remote.auth.SaslAuthenticator}) with SCRAM-SHA-256, DIGEST-MD5 and GSSAPI, credentials from
 * libvirt's auth.conf ({@link org.jvirt.remote.auth.AuthFile}) and then the application's {@link
 * org.jvirt.ConnectAuth} callback, as libvirt's remote driver gathers them.
 */
package org.jvirt.remote.auth;
