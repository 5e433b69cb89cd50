package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;
import static org.jvirt.rpc.proto.remote.NetworkProcedures.*;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.Flags;
import org.jvirt.NetworkDHCPLease;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.flags.ListNetworksFlag;
import org.jvirt.flags.NetworkCreateFlag;
import org.jvirt.flags.NetworkDefineFlag;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.NetworkXMLFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes2.*;
import org.jvirt.spi.NetworkDriver;
import org.jvirt.spi.NetworkRef;

/** virNetwork* over the wire. */
public final class RemoteNetworks implements NetworkDriver {

    private static final int LIST_MAX = 16384;
    /** VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER. */
    private static final int FEATURE_NETWORK_UPDATE_ORDER = 16;

    private final Rpc rpc;

    public RemoteNetworks(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public List<NetworkRef> listAllNetworks(Set<ListNetworksFlag> flags) {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_NETWORKS, new RemoteConnectListAllNetworksArgs(1,
                Flags.toBits(flags))).nets(), Refs::net);
    }

    @Override
    public int numOfNetworks() {
        return rpc.call(CONNECT_NUM_OF_NETWORKS, null).num();
    }

    @Override
    public List<String> listNetworks() {
        return rpc.call(CONNECT_LIST_NETWORKS, new RemoteConnectListNetworksArgs(LIST_MAX)).names();
    }

    @Override
    public int numOfDefinedNetworks() {
        return rpc.call(CONNECT_NUM_OF_DEFINED_NETWORKS, null).num();
    }

    @Override
    public List<String> listDefinedNetworks() {
        return rpc.call(CONNECT_LIST_DEFINED_NETWORKS, new RemoteConnectListDefinedNetworksArgs(LIST_MAX)).names();
    }

    @Override
    public NetworkRef lookupByName(String name) {
        return Refs.net(rpc.call(NETWORK_LOOKUP_BY_NAME, new RemoteNetworkLookupByNameArgs(name)).net());
    }

    @Override
    public NetworkRef lookupByUUID(UUID uuid) {
        return Refs.net(rpc.call(NETWORK_LOOKUP_BY_UUID, new RemoteNetworkLookupByUuidArgs(uuid)).net());
    }

    @Override
    public NetworkRef createXML(String xml, Set<NetworkCreateFlag> flags) {
        if (flags.isEmpty()) {
            return Refs.net(rpc.call(NETWORK_CREATE_XML, new RemoteNetworkCreateXmlArgs(xml)).net());
        }
        return Refs.net(rpc.call(NETWORK_CREATE_XML_FLAGS, new RemoteNetworkCreateXmlFlagsArgs(xml,
                Flags.toBits(flags))).net());
    }

    @Override
    public NetworkRef defineXML(String xml, Set<NetworkDefineFlag> flags) {
        if (flags.isEmpty()) {
            return Refs.net(rpc.call(NETWORK_DEFINE_XML, new RemoteNetworkDefineXmlArgs(xml)).net());
        }
        return Refs.net(rpc.call(NETWORK_DEFINE_XML_FLAGS, new RemoteNetworkDefineXmlFlagsArgs(xml,
                Flags.toBits(flags))).net());
    }

    @Override
    public void undefine(NetworkRef net) {
        rpc.call(NETWORK_UNDEFINE, new RemoteNetworkUndefineArgs(Refs.wire(net)));
    }

    @Override
    public void create(NetworkRef net) {
        rpc.call(NETWORK_CREATE, new RemoteNetworkCreateArgs(Refs.wire(net)));
    }

    @Override
    public void destroy(NetworkRef net) {
        rpc.call(NETWORK_DESTROY, new RemoteNetworkDestroyArgs(Refs.wire(net)));
    }

    @Override
    public String getXMLDesc(NetworkRef net, Set<NetworkXMLFlag> flags) {
        return rpc.call(NETWORK_GET_XML_DESC, new RemoteNetworkGetXmlDescArgs(Refs.wire(net), Flags.toBits(flags)))
                .xml();
    }

    @Override
    public String getBridgeName(NetworkRef net) {
        return rpc.call(NETWORK_GET_BRIDGE_NAME, new RemoteNetworkGetBridgeNameArgs(Refs.wire(net))).name();
    }

    @Override
    public boolean getAutostart(NetworkRef net) {
        return Refs.bool(rpc.call(NETWORK_GET_AUTOSTART, new RemoteNetworkGetAutostartArgs(Refs.wire(net)))
                .autostart());
    }

    @Override
    public void setAutostart(NetworkRef net, boolean autostart) {
        rpc.call(NETWORK_SET_AUTOSTART, new RemoteNetworkSetAutostartArgs(Refs.wire(net), Refs.bit(autostart)));
    }

    @Override
    public boolean isActive(NetworkRef net) {
        return Refs.bool(rpc.call(NETWORK_IS_ACTIVE, new RemoteNetworkIsActiveArgs(Refs.wire(net))).active());
    }

    @Override
    public boolean isPersistent(NetworkRef net) {
        return Refs.bool(rpc.call(NETWORK_IS_PERSISTENT, new RemoteNetworkIsPersistentArgs(Refs.wire(net)))
                .persistent());
    }

    /**
     * Old servers swapped command and section on the wire; libvirt's client sends them swapped unless the server
     * says (feature 16) that it has the order right — so do we.
     */
    @Override
    public void update(NetworkRef net, NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex,
                       String xml, Set<NetworkUpdateFlag> flags) {
        boolean correct = rpc.supports(FEATURE_NETWORK_UPDATE_ORDER);
        int first = correct ? command.code() : section.code();
        int second = correct ? section.code() : command.code();
        rpc.call(NETWORK_UPDATE, new RemoteNetworkUpdateArgs(Refs.wire(net), first, second, parentIndex, xml,
                Flags.toBits(flags)));
    }

    @Override
    public List<NetworkDHCPLease> getDHCPLeases(NetworkRef net, String mac) {
        RemoteNetworkGetDhcpLeasesRet r = rpc.call(NETWORK_GET_DHCP_LEASES,
                new RemoteNetworkGetDhcpLeasesArgs(Refs.wire(net), mac, 1, 0));
        return Refs.map(r.leases(), l -> new NetworkDHCPLease(l.iface(), l.expirytime(), l.type(), l.mac(), l.iaid(),
                l.ipaddr(), l.prefix(), l.hostname(), l.clientid()));
    }

    private static org.jvirt.spi.NetworkPortRef port(org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetworkPort p) {
        return new org.jvirt.spi.NetworkPortRef(Refs.net(p.net()), p.uuid());
    }

    private static org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetworkPort wire(org.jvirt.spi.NetworkPortRef p) {
        return new org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetworkPort(Refs.wire(p.net()), p.uuid());
    }

    @Override
    public List<org.jvirt.spi.NetworkPortRef> listAllPorts(NetworkRef net) {
        return Refs.map(rpc.call(NETWORK_LIST_ALL_PORTS, new RemoteNetworkListAllPortsArgs(Refs.wire(net), 1, 0))
                .ports(), RemoteNetworks::port);
    }

    @Override
    public org.jvirt.spi.NetworkPortRef portLookupByUUID(NetworkRef net, UUID uuid) {
        return port(rpc.call(NETWORK_PORT_LOOKUP_BY_UUID, new RemoteNetworkPortLookupByUuidArgs(Refs.wire(net), uuid))
                .port());
    }

    @Override
    public org.jvirt.spi.NetworkPortRef portCreateXML(NetworkRef net, String xml,
                                                      Set<org.jvirt.flags.NetworkPortCreateFlag> flags) {
        return port(rpc.call(NETWORK_PORT_CREATE_XML, new RemoteNetworkPortCreateXmlArgs(Refs.wire(net), xml,
                Flags.toBits(flags))).port());
    }

    @Override
    public String portGetXMLDesc(org.jvirt.spi.NetworkPortRef port) {
        return rpc.call(NETWORK_PORT_GET_XML_DESC, new RemoteNetworkPortGetXmlDescArgs(wire(port), 0)).xml();
    }

    @Override
    public java.util.Map<String, Object> portGetParameters(org.jvirt.spi.NetworkPortRef port) {
        return Refs.params(rpc.call(NETWORK_PORT_GET_PARAMETERS,
                new RemoteNetworkPortGetParametersArgs(wire(port), 0, 0)).params());
    }

    @Override
    public void portSetParameters(org.jvirt.spi.NetworkPortRef port, java.util.Map<String, Object> params) {
        List<org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam> wire = new java.util.ArrayList<>();
        params.forEach((k, v) -> wire.add(new org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam(k,
                new org.jvirt.rpc.proto.remote.RemoteTypedParamValue.UintValue(((Number) v).intValue()))));
        rpc.call(NETWORK_PORT_SET_PARAMETERS, new RemoteNetworkPortSetParametersArgs(wire(port), wire, 0));
    }

    @Override
    public void portDelete(org.jvirt.spi.NetworkPortRef port) {
        rpc.call(NETWORK_PORT_DELETE, new RemoteNetworkPortDeleteArgs(wire(port), 0));
    }
}
