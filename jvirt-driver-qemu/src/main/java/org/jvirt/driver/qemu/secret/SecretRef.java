package org.jvirt.driver.qemu.secret;

import java.util.UUID;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Secret;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.spi.Elevation;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * A {@code <secret uuid='...'/>} or {@code <secret usage='...'/>} in a device definition (libvirt's
 * virSecretLookupTypeDef): which secret of the scope's secret driver holds a value, looked up by UUID, or by
 * usage id within the usage type the device's use implies.
 *
 * @param type  the usage type a usage lookup searches (a volume, iSCSI or Ceph secret)
 * @param uuid  the secret's UUID, or null
 * @param usage the secret's usage id, or null
 */
public record SecretRef(SecretUsageType type, String uuid, String usage) {

    /** Reads the lookup of a {@code <secret>} element, with libvirt's errors (virSecretLookupParseSecret). */
    static SecretRef parse(Element secret, SecretUsageType type) {
        String uuid = Dom.attribute(secret, "uuid");
        String usage = Dom.attribute(secret, "usage");
        if (uuid == null && usage == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR, "missing secret uuid or usage attribute");
        }
        if (uuid != null && usage != null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR, "either secret uuid or usage expected");
        }
        if (uuid != null) {
            try {
                UUID.fromString(uuid);
            } catch (IllegalArgumentException e) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR, "invalid secret uuid '%s'", uuid);
            }
        }
        return new SecretRef(type, uuid, usage);
    }

    /**
     * The secret's value, read through the public API of the scope's secret driver ({@code c}) elevated, as
     * libvirt's qemu driver reads it with virSecretGetSecretString: a private secret's value is readable only so.
     * The caller wipes it after use.
     */
    public byte[] value(Connect c) {
        Secret s = uuid != null ? c.secretLookupByUUID(UUID.fromString(uuid)) : c.secretLookupByUsage(type, usage);
        return Elevation.call(s::getValue);
    }
}
