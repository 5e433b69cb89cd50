package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.flags.ListSecretsFlag;
import org.jvirt.flags.SecretDefineFlag;

/**
 * The secret driver: libvirt's virSecret* entry points. Secret values never leave it except through getValue.
 */
public interface SecretDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.SECRET, function);
    }

    @Libvirt("virConnectListAllSecrets")
    default List<SecretRef> listAllSecrets(Set<ListSecretsFlag> flags) {
        throw unsupported("virConnectListAllSecrets");
    }

    @Libvirt("virConnectNumOfSecrets")
    default int numOfSecrets() {
        throw unsupported("virConnectNumOfSecrets");
    }

    /** UUIDs of all secrets, as strings. */
    @Libvirt("virConnectListSecrets")
    default List<String> listSecrets() {
        throw unsupported("virConnectListSecrets");
    }

    @Libvirt({"virSecretLookupByUUID", "virSecretLookupByUUIDString"})
    default SecretRef lookupByUUID(UUID uuid) {
        throw unsupported("virSecretLookupByUUID");
    }

    @Libvirt("virSecretLookupByUsage")
    default SecretRef lookupByUsage(SecretUsageType usageType, String usageId) {
        throw unsupported("virSecretLookupByUsage");
    }

    @Libvirt("virSecretDefineXML")
    default SecretRef defineXML(String xml, Set<SecretDefineFlag> flags) {
        throw unsupported("virSecretDefineXML");
    }

    @Libvirt("virSecretGetXMLDesc")
    default String getXMLDesc(SecretRef secret) {
        throw unsupported("virSecretGetXMLDesc");
    }

    @Libvirt("virSecretSetValue")
    default void setValue(SecretRef secret, byte[] value) {
        throw unsupported("virSecretSetValue");
    }

    @Libvirt("virSecretGetValue")
    default byte[] getValue(SecretRef secret) {
        throw unsupported("virSecretGetValue");
    }

    @Libvirt("virSecretUndefine")
    default void undefine(SecretRef secret) {
        throw unsupported("virSecretUndefine");
    }
}
