package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;
import static org.jvirt.rpc.proto.remote.SecretProcedures.*;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.Flags;
import org.jvirt.SecretUsageType;
import org.jvirt.flags.ListSecretsFlag;
import org.jvirt.flags.SecretDefineFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes2.*;
import org.jvirt.rpc.proto.remote.SecretTypes.*;
import org.jvirt.spi.SecretDriver;
import org.jvirt.spi.SecretRef;

/** virSecret* over the wire. */
public final class RemoteSecrets implements SecretDriver {

    private static final int LIST_MAX = 16384;

    private final Rpc rpc;

    public RemoteSecrets(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public List<SecretRef> listAllSecrets(Set<ListSecretsFlag> flags) {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_SECRETS, new RemoteConnectListAllSecretsArgs(1,
                Flags.toBits(flags))).secrets(), Refs::secret);
    }

    @Override
    public int numOfSecrets() {
        return rpc.call(CONNECT_NUM_OF_SECRETS, null).num();
    }

    @Override
    public List<String> listSecrets() {
        return rpc.call(CONNECT_LIST_SECRETS, new RemoteConnectListSecretsArgs(LIST_MAX)).uuids();
    }

    @Override
    public SecretRef lookupByUUID(UUID uuid) {
        return Refs.secret(rpc.call(SECRET_LOOKUP_BY_UUID, new RemoteSecretLookupByUuidArgs(uuid)).secret());
    }

    @Override
    public SecretRef lookupByUsage(SecretUsageType usageType, String usageId) {
        return Refs.secret(rpc.call(SECRET_LOOKUP_BY_USAGE, new RemoteSecretLookupByUsageArgs(usageType.code(),
                usageId)).secret());
    }

    @Override
    public SecretRef defineXML(String xml, Set<SecretDefineFlag> flags) {
        return Refs.secret(rpc.call(SECRET_DEFINE_XML, new RemoteSecretDefineXmlArgs(xml, Flags.toBits(flags)))
                .secret());
    }

    @Override
    public String getXMLDesc(SecretRef secret) {
        return rpc.call(SECRET_GET_XML_DESC, new RemoteSecretGetXmlDescArgs(Refs.wire(secret), 0)).xml();
    }

    @Override
    public void setValue(SecretRef secret, byte[] value) {
        rpc.call(SECRET_SET_VALUE, new RemoteSecretSetValueArgs(Refs.wire(secret), value, 0));
    }

    @Override
    public byte[] getValue(SecretRef secret) {
        return rpc.call(SECRET_GET_VALUE, new RemoteSecretGetValueArgs(Refs.wire(secret), 0)).value();
    }

    @Override
    public void undefine(SecretRef secret) {
        rpc.call(SECRET_UNDEFINE, new RemoteSecretUndefineArgs(Refs.wire(secret)));
    }
}
