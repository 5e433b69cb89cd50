package org.jvirt.transport.tls;

/**
 * libvirt's x509 file layout on a host (virnettlsconfig.h): the CA (and its CRL) under /etc/pki/CA, the
 * daemon's and root client's own files under /etc/pki/libvirt, keys in its private/ directory.
 */
public final class X509Layout {

    public static final String CA_FILE = "/etc/pki/CA/cacert.pem";
    public static final String CRL_FILE = "/etc/pki/CA/cacrl.pem";
    public static final String SYSTEM_DIR = "/etc/pki/libvirt";
    public static final String SERVER_CERT_FILE = SYSTEM_DIR + "/servercert.pem";
    public static final String SERVER_KEY_FILE = SYSTEM_DIR + "/private/serverkey.pem";

    private X509Layout() {
    }
}
