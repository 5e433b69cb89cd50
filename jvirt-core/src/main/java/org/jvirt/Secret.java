package org.jvirt;

import java.util.Objects;
import java.util.UUID;
import org.jvirt.spi.SecretRef;

/**
 * A secret (libvirt's virSecret): a value (a passphrase, a key) stored by the driver and referred to by UUID or
 * usage. {@link #toString()} never shows the value.
 */
public final class Secret {

    private final Connect connect;
    private final SecretRef ref;

    Secret(Connect connect, SecretRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public SecretRef ref() {
        return ref;
    }

    @Libvirt("virSecretGetConnect")
    public Connect getConnect() {
        return connect;
    }

    @Libvirt("virSecretGetUUID")
    public UUID getUUID() {
        return ref.uuid();
    }

    @Libvirt("virSecretGetUUIDString")
    public String getUUIDString() {
        return ref.uuid().toString();
    }

    @Libvirt("virSecretGetUsageType")
    public SecretUsageType getUsageType() {
        return ref.usageType();
    }

    @Libvirt("virSecretGetUsageID")
    public String getUsageID() {
        return ref.usageId();
    }

    private void writable(String function) {
        connect.checkWritable(function, ErrorDomain.SECRET);
    }

    @Libvirt("virSecretGetXMLDesc")
    public String getXMLDesc() {
        return connect.secrets.getXMLDesc(ref);
    }

    @Libvirt("virSecretSetValue")
    public void setValue(byte[] value) {
        writable("virSecretSetValue");
        connect.secrets.setValue(ref, value.clone());
    }

    /** The value; refused on a read-only connection, as libvirt refuses it. */
    @Libvirt("virSecretGetValue")
    public byte[] getValue() {
        writable("virSecretGetValue");
        return connect.secrets.getValue(ref);
    }

    @Libvirt("virSecretUndefine")
    public void undefine() {
        writable("virSecretUndefine");
        connect.secrets.undefine(ref);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.connect == connect && s.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.uuid());
    }

    @Override
    public String toString() {
        return "Secret[" + ref.uuid() + ", " + ref.usageType() + " " + ref.usageId() + "]";
    }
}
