package org.jvirt.driver.qemu.secret;

import java.util.List;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DiskXml;
import org.w3c.dom.Element;

/**
 * A disk's {@code <encryption format='luks'><secret type='passphrase' uuid='...'/></encryption>} (or
 * {@code usage='...'}, a volume secret's usage id), as libvirt's virStorageEncryptionParseNode reads it for QEMU:
 * only the LUKS format with one passphrase secret; a {@code <cipher>} or {@code <ivgen>} is for creating a volume,
 * not for using it.
 *
 * @param secret where the passphrase is (a volume secret)
 */
public record LuksEncryption(SecretRef secret) {

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
        return Optional.of(new LuksEncryption(SecretRef.parse(secrets.get(0), SecretUsageType.VOLUME)));
    }

    /** The id of the QEMU secret object that unlocks the format node {@code formatNode}, as libvirt names it. */
    public static String objectId(String formatNode) {
        return formatNode + "-encryption-secret0";
    }
}
