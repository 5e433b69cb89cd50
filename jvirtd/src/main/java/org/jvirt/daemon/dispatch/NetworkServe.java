package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.NetworkProcedures.*;
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

/** Virtual networks: listing, lookup, define/create/destroy/undefine, XML, autostart, update, DHCP leases. */
final class NetworkServe {

    private static final int LIST_MAX = 16384;
    private static final int DHCP_LEASES_MAX = 65536;

    private NetworkServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_LIST_ALL_NETWORKS, (c, a) -> {
            List<Network> all = c.conn().listAllNetworks(c.flags(ListNetworksFlag.class, a.flags()));
            return new RemoteConnectListAllNetworksRet(results(a.needResults(), all.stream().map(Wire::net).toList()),
                    all.size());
        });
        t.on(CONNECT_NUM_OF_NETWORKS, (c, a) -> new RemoteConnectNumOfNetworksRet(c.conn().numOfNetworks()));
        t.on(CONNECT_LIST_NETWORKS, (c, a) -> new RemoteConnectListNetworksRet(
                c.limit(c.conn().listNetworks(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(CONNECT_NUM_OF_DEFINED_NETWORKS, (c, a) ->
                new RemoteConnectNumOfDefinedNetworksRet(c.conn().numOfDefinedNetworks()));
        t.on(CONNECT_LIST_DEFINED_NETWORKS, (c, a) -> new RemoteConnectListDefinedNetworksRet(
                c.limit(c.conn().listDefinedNetworks(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(NETWORK_LOOKUP_BY_NAME, (c, a) ->
                new RemoteNetworkLookupByNameRet(Wire.net(c.conn().networkLookupByName(a.name()))));
        t.on(NETWORK_LOOKUP_BY_UUID, (c, a) ->
                new RemoteNetworkLookupByUuidRet(Wire.net(c.conn().networkLookupByUUID(a.uuid()))));
        t.on(NETWORK_CREATE_XML, (c, a) ->
                new RemoteNetworkCreateXmlRet(Wire.net(c.conn().networkCreateXML(a.xml()))));
        t.on(NETWORK_CREATE_XML_FLAGS, (c, a) -> new RemoteNetworkCreateXmlFlagsRet(Wire.net(
                c.conn().networkCreateXML(a.xml(), c.flags(NetworkCreateFlag.class, a.flags())))));
        t.on(NETWORK_DEFINE_XML, (c, a) ->
                new RemoteNetworkDefineXmlRet(Wire.net(c.conn().networkDefineXML(a.xml()))));
        t.on(NETWORK_DEFINE_XML_FLAGS, (c, a) -> new RemoteNetworkDefineXmlFlagsRet(Wire.net(
                c.conn().networkDefineXML(a.xml(), c.flags(NetworkDefineFlag.class, a.flags())))));
        t.on(NETWORK_UNDEFINE, (c, a) -> {
            Wire.net(c.conn(), a.net()).undefine();
            return null;
        });
        t.on(NETWORK_CREATE, (c, a) -> {
            Wire.net(c.conn(), a.net()).create();
            return null;
        });
        t.on(NETWORK_DESTROY, (c, a) -> {
            Wire.net(c.conn(), a.net()).destroy();
            return null;
        });
        t.on(NETWORK_GET_XML_DESC, (c, a) -> new RemoteNetworkGetXmlDescRet(
                Wire.net(c.conn(), a.net()).getXMLDesc(c.flags(NetworkXMLFlag.class, a.flags()))));
        t.on(NETWORK_GET_BRIDGE_NAME, (c, a) ->
                new RemoteNetworkGetBridgeNameRet(Wire.net(c.conn(), a.net()).getBridgeName()));
        t.on(NETWORK_GET_AUTOSTART, (c, a) ->
                new RemoteNetworkGetAutostartRet(bool(Wire.net(c.conn(), a.net()).getAutostart())));
        t.on(NETWORK_SET_AUTOSTART, (c, a) -> {
            Wire.net(c.conn(), a.net()).setAutostart(a.autostart() != 0);
            return null;
        });
        t.on(NETWORK_IS_ACTIVE, (c, a) -> new RemoteNetworkIsActiveRet(bool(Wire.net(c.conn(), a.net()).isActive())));
        t.on(NETWORK_IS_PERSISTENT, (c, a) ->
                new RemoteNetworkIsPersistentRet(bool(Wire.net(c.conn(), a.net()).isPersistent())));
        t.on(NETWORK_UPDATE, (c, a) -> {
            NetworkUpdateCommand command = NetworkUpdateCommand.fromCode(a.command(), null);
            NetworkUpdateSection section = NetworkUpdateSection.fromCode(a.section(), null);
            if (command == null || section == null) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INVALID_ARG,
                        "unrecognized network update command %d or section %d", a.command(), a.section());
            }
            Wire.net(c.conn(), a.net()).update(command, section, a.parentIndex(), a.xml(),
                    c.flags(NetworkUpdateFlag.class, a.flags()));
            return null;
        });
        t.on(NETWORK_GET_DHCP_LEASES, (c, a) -> {
            c.noFlags(a.flags());
            List<NetworkDHCPLease> all = Wire.net(c.conn(), a.net()).getDHCPLeases(a.mac());
            if (all.size() > DHCP_LEASES_MAX) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                        "Number of leases is %d, which exceeds max limit: %d", all.size(), DHCP_LEASES_MAX);
            }
            List<RemoteNetworkDhcpLease> leases = all.stream().map(l -> new RemoteNetworkDhcpLease(l.iface(),
                    l.expiryTime(), l.type(), l.mac(), l.iaid(), l.ipaddr(), l.prefix(), l.hostname(),
                    l.clientId())).toList();
            return new RemoteNetworkGetDhcpLeasesRet(results(a.needResults(), leases), leases.size());
        });
    }
}
