package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.NetworkDHCPLease;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.VirtException;
import org.jvirt.flags.ListNetworksFlag;
import org.jvirt.flags.NetworkCreateFlag;
import org.jvirt.flags.NetworkDefineFlag;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.NetworkXMLFlag;

/**
 * The virtual network driver: libvirt's virNetwork* entry points.
 */
public interface NetworkDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.NETWORK, function);
    }

    @Libvirt("virConnectListAllNetworks")
    default List<NetworkRef> listAllNetworks(Set<ListNetworksFlag> flags) {
        throw unsupported("virConnectListAllNetworks");
    }

    @Libvirt("virConnectNumOfNetworks")
    default int numOfNetworks() {
        throw unsupported("virConnectNumOfNetworks");
    }

    @Libvirt("virConnectListNetworks")
    default List<String> listNetworks() {
        throw unsupported("virConnectListNetworks");
    }

    @Libvirt("virConnectNumOfDefinedNetworks")
    default int numOfDefinedNetworks() {
        throw unsupported("virConnectNumOfDefinedNetworks");
    }

    @Libvirt("virConnectListDefinedNetworks")
    default List<String> listDefinedNetworks() {
        throw unsupported("virConnectListDefinedNetworks");
    }

    @Libvirt("virNetworkLookupByName")
    default NetworkRef lookupByName(String name) {
        throw unsupported("virNetworkLookupByName");
    }

    @Libvirt({"virNetworkLookupByUUID", "virNetworkLookupByUUIDString"})
    default NetworkRef lookupByUUID(UUID uuid) {
        throw unsupported("virNetworkLookupByUUID");
    }

    @Libvirt({"virNetworkCreateXML", "virNetworkCreateXMLFlags"})
    default NetworkRef createXML(String xml, Set<NetworkCreateFlag> flags) {
        throw unsupported("virNetworkCreateXML");
    }

    @Libvirt({"virNetworkDefineXML", "virNetworkDefineXMLFlags"})
    default NetworkRef defineXML(String xml, Set<NetworkDefineFlag> flags) {
        throw unsupported("virNetworkDefineXML");
    }

    @Libvirt("virNetworkUndefine")
    default void undefine(NetworkRef net) {
        throw unsupported("virNetworkUndefine");
    }

    @Libvirt("virNetworkCreate")
    default void create(NetworkRef net) {
        throw unsupported("virNetworkCreate");
    }

    @Libvirt("virNetworkDestroy")
    default void destroy(NetworkRef net) {
        throw unsupported("virNetworkDestroy");
    }

    @Libvirt("virNetworkGetXMLDesc")
    default String getXMLDesc(NetworkRef net, Set<NetworkXMLFlag> flags) {
        throw unsupported("virNetworkGetXMLDesc");
    }

    @Libvirt("virNetworkGetBridgeName")
    default String getBridgeName(NetworkRef net) {
        throw unsupported("virNetworkGetBridgeName");
    }

    @Libvirt("virNetworkGetAutostart")
    default boolean getAutostart(NetworkRef net) {
        throw unsupported("virNetworkGetAutostart");
    }

    @Libvirt("virNetworkSetAutostart")
    default void setAutostart(NetworkRef net, boolean autostart) {
        throw unsupported("virNetworkSetAutostart");
    }

    @Libvirt("virNetworkIsActive")
    default boolean isActive(NetworkRef net) {
        throw unsupported("virNetworkIsActive");
    }

    @Libvirt("virNetworkIsPersistent")
    default boolean isPersistent(NetworkRef net) {
        throw unsupported("virNetworkIsPersistent");
    }

    @Libvirt("virNetworkUpdate")
    default void update(NetworkRef net, NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex, String xml, Set<NetworkUpdateFlag> flags) {
        throw unsupported("virNetworkUpdate");
    }

    @Libvirt("virNetworkGetDHCPLeases")
    default List<NetworkDHCPLease> getDHCPLeases(NetworkRef net, String mac) {
        throw unsupported("virNetworkGetDHCPLeases");
    }

    @Libvirt("virNetworkListAllPorts")
    default List<NetworkPortRef> listAllPorts(NetworkRef net) {
        throw unsupported("virNetworkListAllPorts");
    }

    @Libvirt("virNetworkPortLookupByUUID")
    default NetworkPortRef portLookupByUUID(NetworkRef net, UUID uuid) {
        throw unsupported("virNetworkPortLookupByUUID");
    }

    @Libvirt("virNetworkPortCreateXML")
    default NetworkPortRef portCreateXML(NetworkRef net, String xml, Set<org.jvirt.flags.NetworkPortCreateFlag> flags) {
        throw unsupported("virNetworkPortCreateXML");
    }

    @Libvirt("virNetworkPortGetXMLDesc")
    default String portGetXMLDesc(NetworkPortRef port) {
        throw unsupported("virNetworkPortGetXMLDesc");
    }

    @Libvirt("virNetworkPortGetParameters")
    default java.util.Map<String, Object> portGetParameters(NetworkPortRef port) {
        throw unsupported("virNetworkPortGetParameters");
    }

    @Libvirt("virNetworkPortSetParameters")
    default void portSetParameters(NetworkPortRef port, java.util.Map<String, Object> params) {
        throw unsupported("virNetworkPortSetParameters");
    }

    @Libvirt("virNetworkPortDelete")
    default void portDelete(NetworkPortRef port) {
        throw unsupported("virNetworkPortDelete");
    }
}
