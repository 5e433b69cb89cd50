package org.jvirt.driver.qemu.secret;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.w3c.dom.Element;

/**
 * A network disk's {@code <auth username='...'><secret type='iscsi|ceph' uuid|usage='...'/></auth>} (inside
 * {@code <source>}, or beside it as older definitions have it), read and checked as libvirt 9.0 does
 * (virStorageAuthDefParse, virDomainDiskDefValidateSourceChainOne): CHAP for iSCSI, cephx for RBD, user and
 * password for HTTP(S), FTP(S) and SSH; the protocol decides the usage type searched by a usage lookup.
 *
 * @param username the user QEMU authenticates as
 * @param secret   where the password or key is
 */
public record DiskAuth(String username, SecretRef secret) {

    /** The protocols QEMU can authenticate with (the others get libvirt's "not supported"). */
    private static final Set<String> PROTOCOLS = Set.of("iscsi", "rbd", "http", "https", "ftp", "ftps", "ssh");

    private static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.CONFIG_UNSUPPORTED, format, args);
    }

    /** The disk's authentication, empty when it has none. */
    public static Optional<DiskAuth> of(DiskXml d) {
        Element source = Dom.child(d.element(), "source");
        Element auth = source == null ? null : Dom.child(source, "auth");
        if (auth == null) {
            auth = Dom.child(d.element(), "auth");
        }
        if (auth == null) {
            return Optional.empty();
        }
        if (!(d.source() instanceof DiskSource.Network n)) {
            throw unsupported("authentication is supported only for network backed disks");
        }
        String username = Dom.attribute(auth, "username");
        if (username == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR, "missing username for auth");
        }
        String authType = Dom.attribute(auth, "type");
        if (authType != null && !authType.equals("chap") && !authType.equals("ceph")) {
            throw unsupported("unknown auth type '%s'", authType);
        }
        Element secret = Dom.child(auth, "secret");
        if (secret == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR, "Missing <secret> element in auth");
        }
        String protocol = n.protocol() == null ? "" : n.protocol();
        if (!PROTOCOLS.contains(protocol)) {
            throw unsupported("authentication is not supported for protocol '%s'", protocol);
        }
        String type = Dom.attribute(secret, "type");
        SecretUsageType usage = usageType(type);
        if (protocol.equals("iscsi") && usage != SecretUsageType.ISCSI
                || protocol.equals("rbd") && usage != SecretUsageType.CEPH) {
            throw unsupported("invalid secret type '%s'", type);
        }
        // libvirt looks a usage up within the protocol's type, whatever the element says (qemuDomainSecretStorageSourcePrepare)
        SecretUsageType lookup = protocol.equals("rbd") ? SecretUsageType.CEPH : SecretUsageType.ISCSI;
        return Optional.of(new DiskAuth(username, SecretRef.parse(secret, lookup)));
    }

    private static SecretUsageType usageType(String type) {
        if (type != null) {
            for (SecretUsageType t : SecretUsageType.values()) {
                if (t != SecretUsageType.NONE && t.name().toLowerCase(Locale.ROOT).equals(type)) {
                    return t;
                }
            }
        }
        throw unsupported("unknown secret type '%s'", type == null ? "<null>" : type);
    }

    /** The id of the QEMU secret object the protocol node {@code storageNode} authenticates with, as libvirt names it. */
    public static String objectId(String storageNode) {
        return storageNode + "-auth-secret0";
    }
}
