package org.jvirt.driver.qemu.secret;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Secret;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.spi.Elevation;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DiskXml;
import org.w3c.dom.Element;

/**
 * A disk's {@code <encryption format='luks'><secret type='passphrase' uuid='...'/></encryption>} (or
 * {@code usage='...'}, a volume secret's usage id), as libvirt's virStorageEncryptionParseNode reads it for QEMU:
 * only the LUKS format with one passphrase secret; a {@code <cipher>} or {@code <ivgen>} is for creating a volume,
 * not for using it.
 *
 * @param uuid  the secret's UUID, or null
 * @param usage the secret's usage id (the volume path), or null
 */
public record LuksEncryption(String uuid, String usage) {

    private static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED, format, args);
    }

    /** The disk's LUKS encryption, empty when it has none. */
    public static Optional<LuksEncryption> of(DiskXml d) {
        Element enc = Dom.child(d.element(), "encryption");
        if (enc == null) {
            return Optional.empty();
        }
        String format = Dom.attribute(enc, "format");
        if (!"luks".equals(format)) {
            throw unsupported("encryption format '%s' is not supported for disk '%s': use 'luks'", format,
                    d.targetDev());
        }
        Element luks = Dom.child(enc, "cipher") != null ? Dom.child(enc, "cipher") : Dom.child(enc, "ivgen");
        if (luks != null) {
            throw unsupported("supplying <%s> for domain disk definition is unnecessary", luks.getTagName());
        }
        List<Element> secrets = Dom.children(enc, "secret");
        if (secrets.size() != 1 || !"passphrase".equals(Dom.attribute(secrets.get(0), "type"))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                    "disk '%s': luks encryption needs exactly one <secret type='passphrase'>", d.targetDev());
        }
        String uuid = Dom.attribute(secrets.get(0), "uuid");
        String usage = Dom.attribute(secrets.get(0), "usage");
        if ((uuid == null) == (usage == null)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                    "disk '%s': the encryption secret needs either a uuid or a usage", d.targetDev());
        }
        return Optional.of(new LuksEncryption(uuid, usage));
    }

    /**
     * The secret's value, read through the public API of the scope's secret driver ({@code c}) elevated, as
     * libvirt's qemu driver reads it with virSecretGetSecretString: a private secret's value is readable only so.
     * The caller wipes it after use.
     */
    public byte[] value(Connect c) {
        Secret s;
        if (uuid != null) {
            UUID u;
            try {
                u = UUID.fromString(uuid);
            } catch (IllegalArgumentException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "malformed secret uuid '%s'", uuid);
            }
            s = c.secretLookupByUUID(u);
        } else {
            s = c.secretLookupByUsage(SecretUsageType.VOLUME, usage);
        }
        return Elevation.call(s::getValue);
    }

    /** The id of the QEMU secret object that unlocks the format node {@code formatNode}, as libvirt names it. */
    public static String objectId(String formatNode) {
        return formatNode + "-encryption-secret0";
    }
}
