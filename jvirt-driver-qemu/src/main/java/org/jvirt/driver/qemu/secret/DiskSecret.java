package org.jvirt.driver.qemu.secret;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.SecretUsageType;
import org.jvirt.xml.domain.DiskXml;

/**
 * One QEMU {@code secret} object a disk needs, with where its value is: the protocol node's login (iSCSI CHAP,
 * cephx, HTTP), the key passphrase of its TLS credentials, and the format node's LUKS passphrase, named as libvirt
 * names them ({@code NODE-auth-secret0}, {@code objNODE_tls0-secret0}, {@code NODE-encryption-secret0}). The command line, the start-time secret files
 * and hot-plug all take the list from here, so they create the same objects.
 *
 * @param objectId the QEMU object id
 * @param secret   the secret holding the value
 */
public record DiskSecret(String objectId, SecretRef secret) {

    /**
     * The login and LUKS secrets of disk {@code d} whose protocol node is {@code storageNode} and format node
     * {@code formatNode} (the TLS key's, which qemu.conf names, the command builder adds).
     */
    public static List<DiskSecret> of(DiskXml d, String storageNode, String formatNode) {
        List<DiskSecret> out = new ArrayList<>(3);
        DiskAuth.of(d).ifPresent(a -> out.add(new DiskSecret(DiskAuth.objectId(storageNode), a.secret())));
        LuksEncryption.of(d).ifPresent(e -> out.add(new DiskSecret(LuksEncryption.objectId(formatNode), e.secret())));
        return out;
    }

    /** The object ids a disk's nodes may have secrets under, whether or not it has them (for clean-up). */
    public static List<String> possibleIds(String storageNode, String formatNode) {
        return List.of(DiskAuth.objectId(storageNode), LuksEncryption.objectId(formatNode));
    }

    /** A TLS secret read by UUID (qemu.conf's x509 secret: libvirt's qemuDomainSecretInfoTLSNew). */
    public static DiskSecret tls(String objectId, String uuid) {
        return new DiskSecret(objectId, new SecretRef(SecretUsageType.TLS, uuid, null));
    }
}
