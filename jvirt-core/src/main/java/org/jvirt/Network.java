package org.jvirt;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.NetworkXMLFlag;
import org.jvirt.spi.NetworkRef;

/** A virtual network (libvirt's virNetwork), named by name and UUID. */
public final class Network {

    private final Connect connect;
    private final NetworkRef ref;

    Network(Connect connect, NetworkRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public NetworkRef ref() {
        return ref;
    }

    @Libvirt("virNetworkGetConnect")
    public Connect getConnect() {
        return connect;
    }

    @Libvirt("virNetworkGetName")
    public String getName() {
        return ref.name();
    }

    @Libvirt("virNetworkGetUUID")
    public UUID getUUID() {
        return ref.uuid();
    }

    @Libvirt("virNetworkGetUUIDString")
    public String getUUIDString() {
        return ref.uuid().toString();
    }

    private void writable(String function) {
        connect.checkWritable(function, ErrorDomain.NETWORK);
    }

    @Libvirt("virNetworkCreate")
    public void create() {
        writable("virNetworkCreate");
        connect.networks.create(ref);
    }

    @Libvirt("virNetworkDestroy")
    public void destroy() {
        writable("virNetworkDestroy");
        connect.networks.destroy(ref);
    }

    @Libvirt("virNetworkUndefine")
    public void undefine() {
        writable("virNetworkUndefine");
        connect.networks.undefine(ref);
    }

    @Libvirt("virNetworkGetXMLDesc")
    public String getXMLDesc(NetworkXMLFlag... flags) {
        return connect.networks.getXMLDesc(ref, Flags.setOf(NetworkXMLFlag.class, flags));
    }

    @Libvirt("virNetworkGetBridgeName")
    public String getBridgeName() {
        return connect.networks.getBridgeName(ref);
    }

    @Libvirt("virNetworkGetAutostart")
    public boolean getAutostart() {
        return connect.networks.getAutostart(ref);
    }

    @Libvirt("virNetworkSetAutostart")
    public void setAutostart(boolean autostart) {
        writable("virNetworkSetAutostart");
        connect.networks.setAutostart(ref, autostart);
    }

    @Libvirt("virNetworkIsActive")
    public boolean isActive() {
        return connect.networks.isActive(ref);
    }

    @Libvirt("virNetworkIsPersistent")
    public boolean isPersistent() {
        return connect.networks.isPersistent(ref);
    }

    @Libvirt("virNetworkUpdate")
    public void update(NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex, String xml,
                       NetworkUpdateFlag... flags) {
        writable("virNetworkUpdate");
        connect.networks.update(ref, command, section, parentIndex, xml, Flags.setOf(NetworkUpdateFlag.class, flags));
    }

    /** The DHCP leases of the network, of one MAC address when {@code mac} is not null. */
    @Libvirt("virNetworkGetDHCPLeases")
    public List<NetworkDHCPLease> getDHCPLeases(String mac) {
        return connect.networks.getDHCPLeases(ref, mac);
    }

    @Libvirt("virNetworkListAllPorts")
    public List<NetworkPort> listAllPorts() {
        return connect.networks.listAllPorts(ref).stream().map(p -> new NetworkPort(this, p)).toList();
    }

    @Libvirt("virNetworkPortLookupByUUID")
    public NetworkPort portLookupByUUID(UUID uuid) {
        return new NetworkPort(this, connect.networks.portLookupByUUID(ref, uuid));
    }

    @Libvirt("virNetworkPortLookupByUUIDString")
    public NetworkPort portLookupByUUIDString(String uuid) {
        UUID u = LibvirtUUID.tryParse(uuid);
        if (u == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INVALID_ARG, "invalid UUID '%s'", uuid);
        }
        return portLookupByUUID(u);
    }

    @Libvirt("virNetworkPortCreateXML")
    public NetworkPort portCreateXML(String xml, org.jvirt.flags.NetworkPortCreateFlag... flags) {
        writable("virNetworkPortCreateXML");
        return new NetworkPort(this, connect.networks.portCreateXML(ref, xml,
                Flags.setOf(org.jvirt.flags.NetworkPortCreateFlag.class, flags)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.connect == connect && n.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.uuid());
    }

    @Override
    public String toString() {
        return "Network[" + ref.name() + ", " + ref.uuid() + "]";
    }
}
