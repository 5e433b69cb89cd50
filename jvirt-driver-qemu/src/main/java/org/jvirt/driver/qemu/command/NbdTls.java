package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;

/**
 * TLS for NBD disks as qemu.conf sets it up (libvirt's nbd_tls, nbd_tls_x509_cert_dir, nbd_tls_x509_secret_uuid
 * and qemuProcessPrepareStorageSourceTLSNBD): a disk's {@code <source tls='yes|no'>} wins, else {@code nbd_tls};
 * a TLS disk gets a client {@code tls-creds-x509} object over the certificate directory (ca-cert.pem,
 * client-cert.pem, client-key.pem), whose key may be encrypted with the value of a TLS secret.
 *
 * @param dir        the client certificates' directory
 * @param byDefault  {@code nbd_tls}: NBD disks that do not say use TLS
 * @param secretUuid the TLS secret whose value decrypts client-key.pem, or null
 */
public record NbdTls(Path dir, boolean byDefault, String secretUuid) {

    /** libvirt's default: no TLS unless a disk asks, certificates in default_tls_x509_cert_dir's default. */
    public static final NbdTls DEFAULT = new NbdTls(Path.of("/etc/pki/qemu"), false, null);

    /** Whether disk {@code d} goes over TLS; a TLS request of a protocol with no TLS here is refused. */
    public boolean on(DiskXml d) {
        if (!(d.source() instanceof DiskSource.Network n)) {
            return false;
        }
        String tls = Dom.attribute(Dom.child(d.element(), "source"), "tls");
        boolean nbd = "nbd".equals(n.protocol());
        if (!nbd) {
            if ("yes".equals(tls)) {
                throw BuildContext.unsupported("TLS transport is not supported for disk protocol '%s'", n.protocol());
            }
            return false;
        }
        return tls == null ? byDefault : tls.equals("yes");
    }

    /** The id of the TLS credentials object of protocol node {@code storageNode} (libvirt's obj..._tls0). */
    public static String objectId(String storageNode) {
        return "obj" + storageNode + "_tls0";
    }

    /** The client credentials object of protocol node {@code storageNode} ({@code passwordid} when a secret is set). */
    public Props credentials(String storageNode) {
        String id = objectId(storageNode);
        return Props.of().put("qom-type", "tls-creds-x509").put("id", id).put("dir", dir.toString())
                .put("endpoint", "client").put("verify-peer", true)
                .put("passwordid", secretUuid == null ? null : keySecretId(id));
    }

    /** The id of the secret object that decrypts a credentials object's key (libvirt's ALIAS-secret0). */
    public static String keySecretId(String tlsObjectId) {
        return tlsObjectId + "-secret0";
    }
}
