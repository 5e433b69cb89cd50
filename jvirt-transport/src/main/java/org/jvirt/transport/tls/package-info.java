/**
 * TLS with libvirt's x509 files, for both sides: PEM certificates and keys read with the JDK alone (PKCS#8 and
 * PKCS#1 RSA keys); the client's file layout ({@link org.jvirt.transport.tls.ClientPki}) and context; the
 * server's ({@link org.jvirt.transport.tls.TlsServer}): client certificates required and checked against the
 * CA (and the CRL) unless {@code tls_no_verify_certificate}, the optional {@code tls_allowed_dn_list} of glob
 * patterns, and libvirtd's one-byte "accepted" signal.
 */
package org.jvirt.transport.tls;
