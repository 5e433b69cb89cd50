package org.jvirt.spi;

import java.util.UUID;
import org.jvirt.SecretUsageType;

/** Names a secret: UUID, usage type (libvirt's virSecretUsageType) and usage id. */
public record SecretRef(UUID uuid, SecretUsageType usageType, String usageId) {
}
