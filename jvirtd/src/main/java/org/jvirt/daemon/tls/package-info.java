/**
 * TLS with libvirt's x509 files: PEM certificates and keys read with the JDK alone (PKCS#8 and PKCS#1 RSA
 * keys), client certificates required and checked against the CA (and the CRL) unless
 * {@code tls_no_verify_certificate}, and the optional {@code tls_allowed_dn_list} of glob patterns.
 */
package org.jvirt.daemon.tls;
