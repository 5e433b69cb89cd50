package org.jvirt.driver.host.secret;

import java.util.Objects;
import java.util.UUID;
import org.jvirt.SecretUsageType;
import org.jvirt.spi.SecretRef;
import org.jvirt.xml.secret.SecretUsage;
import org.jvirt.xml.secret.SecretXml;

/**
 * A secret's definition as libvirt's virSecretDef holds it: what is parsed from the XML is kept, the rest dropped,
 * so the XML written back is libvirt's virSecretDefFormat of it.
 *
 * @param usageId null for usage type "none"
 */
record SecretDef(UUID uuid, boolean ephemeral, boolean isPrivate, String description, SecretUsageType usageType,
                 String usageId) {

    SecretDef {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(usageType);
    }

    /** From parsed XML (libvirt's errors already raised by the parse); a missing UUID becomes {@code fresh}. */
    static SecretDef of(SecretXml xml, UUID fresh) {
        SecretUsage u = xml.usage();
        SecretUsageType type = u == null ? SecretUsageType.NONE : SecretUsageType.valueOf(u.type().toUpperCase(java.util.Locale.ROOT));
        UUID uuid = xml.uuid() != null ? xml.uuid() : fresh;
        return new SecretDef(uuid, xml.ephemeral(), xml.isPrivate(), xml.description(), type,
                type == SecretUsageType.NONE ? null : u.id());
    }

    SecretRef ref() {
        return new SecretRef(uuid, usageType, usageId == null ? "" : usageId);
    }

    /** libvirt's virSecretDefFormat: both flags always, usage only when it is not "none". */
    String toXml() {
        SecretXml x = SecretXml.create(ephemeral, isPrivate).uuid(uuid).description(description);
        if (usageType != SecretUsageType.NONE) {
            x.usage(new SecretUsage(usageType.name().toLowerCase(java.util.Locale.ROOT), usageId));
        }
        return x.toXml();
    }
}
