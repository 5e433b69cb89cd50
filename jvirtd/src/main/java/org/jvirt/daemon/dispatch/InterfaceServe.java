package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.InterfaceProcedures.*;
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

/** Host network interfaces, addressed by name, and the change transaction. */
final class InterfaceServe {

    private static final int LIST_MAX = 16384;
    private static final int XML_INACTIVE = 1;

    private InterfaceServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_LIST_ALL_INTERFACES, (c, a) -> {
            List<Interface> all = c.conn().listAllInterfaces(c.flags(ListInterfacesFlag.class, a.flags()));
            return new RemoteConnectListAllInterfacesRet(results(a.needResults(),
                    all.stream().map(Wire::iface).toList()), all.size());
        });
        t.on(CONNECT_NUM_OF_INTERFACES, (c, a) -> new RemoteConnectNumOfInterfacesRet(c.conn().numOfInterfaces()));
        t.on(CONNECT_LIST_INTERFACES, (c, a) -> new RemoteConnectListInterfacesRet(
                c.limit(c.conn().listInterfaces(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(CONNECT_NUM_OF_DEFINED_INTERFACES, (c, a) ->
                new RemoteConnectNumOfDefinedInterfacesRet(c.conn().numOfDefinedInterfaces()));
        t.on(CONNECT_LIST_DEFINED_INTERFACES, (c, a) -> new RemoteConnectListDefinedInterfacesRet(
                c.limit(c.conn().listDefinedInterfaces(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(INTERFACE_LOOKUP_BY_NAME, (c, a) ->
                new RemoteInterfaceLookupByNameRet(Wire.iface(c.conn().interfaceLookupByName(a.name()))));
        t.on(INTERFACE_LOOKUP_BY_MAC_STRING, (c, a) ->
                new RemoteInterfaceLookupByMacStringRet(Wire.iface(c.conn().interfaceLookupByMACString(a.mac()))));
        t.on(INTERFACE_GET_XML_DESC, (c, a) -> {
            if ((a.flags() & ~XML_INACTIVE) != 0) {
                c.noFlags(a.flags() & ~XML_INACTIVE);
            }
            return new RemoteInterfaceGetXmlDescRet(
                    Wire.iface(c.conn(), a.iface()).getXMLDesc((a.flags() & XML_INACTIVE) != 0));
        });
        t.on(INTERFACE_DEFINE_XML, (c, a) -> {
            c.noFlags(a.flags() & ~1); // VALIDATE is accepted; the driver always validates
            return new RemoteInterfaceDefineXmlRet(Wire.iface(c.conn().interfaceDefineXML(a.xml())));
        });
        t.on(INTERFACE_UNDEFINE, (c, a) -> {
            Wire.iface(c.conn(), a.iface()).undefine();
            return null;
        });
        t.on(INTERFACE_CREATE, (c, a) -> {
            c.noFlags(a.flags());
            Wire.iface(c.conn(), a.iface()).create();
            return null;
        });
        t.on(INTERFACE_DESTROY, (c, a) -> {
            c.noFlags(a.flags());
            Wire.iface(c.conn(), a.iface()).destroy();
            return null;
        });
        t.on(INTERFACE_IS_ACTIVE, (c, a) ->
                new RemoteInterfaceIsActiveRet(bool(Wire.iface(c.conn(), a.iface()).isActive())));
        t.on(INTERFACE_CHANGE_BEGIN, (c, a) -> {
            c.noFlags(a.flags());
            c.conn().interfaceChangeBegin();
            return null;
        });
        t.on(INTERFACE_CHANGE_COMMIT, (c, a) -> {
            c.noFlags(a.flags());
            c.conn().interfaceChangeCommit();
            return null;
        });
        t.on(INTERFACE_CHANGE_ROLLBACK, (c, a) -> {
            c.noFlags(a.flags());
            c.conn().interfaceChangeRollback();
            return null;
        });
    }
}
