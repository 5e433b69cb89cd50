package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.SecretProcedures.*;

import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;

import java.util.List;

import org.jvirt.*;
import org.jvirt.flags.*;
import org.jvirt.rpc.proto.remote.AuthTypes.*;
import org.jvirt.rpc.proto.remote.CommonTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes2.*;
import org.jvirt.rpc.proto.remote.ConnectTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes2.*;
import org.jvirt.rpc.proto.remote.DomainSnapshotTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes2.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.*;
import org.jvirt.rpc.proto.remote.DomainTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes2.*;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.*;
import org.jvirt.rpc.proto.remote.EventTypes.*;
import org.jvirt.rpc.proto.remote.InterfaceTypes.*;
import org.jvirt.rpc.proto.remote.NWFilterTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes2.*;
import org.jvirt.rpc.proto.remote.NodeTypes.*;
import org.jvirt.rpc.proto.remote.SecretTypes.*;
import org.jvirt.rpc.proto.remote.StoragePoolTypes.*;
import org.jvirt.rpc.proto.remote.StorageVolTypes.*;

/** Secrets, addressed by UUID; values travel as opaque bytes. */
final class SecretServe {

    private static final int LIST_MAX = 16384;

    private SecretServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_LIST_ALL_SECRETS, (c, a) -> {
            List<Secret> all = c.conn().listAllSecrets(c.flags(ListSecretsFlag.class, a.flags()));
            return new RemoteConnectListAllSecretsRet(results(a.needResults(),
                    all.stream().map(Wire::secret).toList()), all.size());
        });
        t.on(CONNECT_NUM_OF_SECRETS, (c, a) -> new RemoteConnectNumOfSecretsRet(c.conn().numOfSecrets()));
        t.on(CONNECT_LIST_SECRETS, (c, a) -> new RemoteConnectListSecretsRet(
                c.limit(c.conn().listSecrets(), a.maxuuids(), LIST_MAX, "maxuuids")));
        t.on(SECRET_LOOKUP_BY_UUID, (c, a) ->
                new RemoteSecretLookupByUuidRet(Wire.secret(c.conn().secretLookupByUUID(a.uuid()))));
        t.on(SECRET_LOOKUP_BY_USAGE, (c, a) -> {
            SecretUsageType type = SecretUsageType.fromCode(a.usageType(), null);
            if (type == null) {
                throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.INVALID_ARG, "unknown usage type %d",
                        a.usageType());
            }
            return new RemoteSecretLookupByUsageRet(Wire.secret(c.conn().secretLookupByUsage(type, a.usageID())));
        });
        t.on(SECRET_DEFINE_XML, (c, a) -> new RemoteSecretDefineXmlRet(Wire.secret(
                c.conn().secretDefineXML(a.xml(), c.flags(SecretDefineFlag.class, a.flags())))));
        t.on(SECRET_GET_XML_DESC, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteSecretGetXmlDescRet(Wire.secret(c.conn(), a.secret()).getXMLDesc());
        });
        t.on(SECRET_SET_VALUE, (c, a) -> {
            c.noFlags(a.flags());
            Wire.secret(c.conn(), a.secret()).setValue(a.value());
            return null;
        });
        t.on(SECRET_GET_VALUE, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteSecretGetValueRet(Wire.secret(c.conn(), a.secret()).getValue());
        });
        t.on(SECRET_UNDEFINE, (c, a) -> {
            Wire.secret(c.conn(), a.secret()).undefine();
            return null;
        });
    }
}
