package org.jvirt;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jvirt.spi.NetworkPortRef;

/**
 * A port of a virtual network (libvirt's virNetworkPort): what a guest NIC is plugged into. The hypervisor driver
 * creates one per NIC on a {@code type='network'} interface and learns from its XML where to plug the NIC.
 */
public final class NetworkPort {

    /** The typed parameter names of a port's bandwidth (VIR_NETWORK_PORT_BANDWIDTH_*). */
    public static final String BANDWIDTH_IN_AVERAGE = "inbound.average";
    public static final String BANDWIDTH_IN_PEAK = "inbound.peak";
    public static final String BANDWIDTH_IN_BURST = "inbound.burst";
    public static final String BANDWIDTH_IN_FLOOR = "inbound.floor";
    public static final String BANDWIDTH_OUT_AVERAGE = "outbound.average";
    public static final String BANDWIDTH_OUT_PEAK = "outbound.peak";
    public static final String BANDWIDTH_OUT_BURST = "outbound.burst";

    private final Network network;
    private final NetworkPortRef ref;

    NetworkPort(Network network, NetworkPortRef ref) {
        this.network = network;
        this.ref = ref;
    }

    public NetworkPortRef ref() {
        return ref;
    }

    @Libvirt("virNetworkPortGetNetwork")
    public Network getNetwork() {
        return network;
    }

    @Libvirt("virNetworkPortGetUUID")
    public UUID getUUID() {
        return ref.uuid();
    }

    @Libvirt("virNetworkPortGetUUIDString")
    public String getUUIDString() {
        return ref.uuid().toString();
    }

    @Libvirt("virNetworkPortGetXMLDesc")
    public String getXMLDesc() {
        return network.getConnect().networks.portGetXMLDesc(ref);
    }

    /** The port's parameters (bandwidth), by libvirt's names; values are Integer (UINT). */
    @Libvirt("virNetworkPortGetParameters")
    public Map<String, Object> getParameters() {
        return network.getConnect().networks.portGetParameters(ref);
    }

    @Libvirt("virNetworkPortSetParameters")
    public void setParameters(Map<String, Object> params) {
        network.getConnect().checkWritable("virNetworkPortSetParameters", ErrorDomain.NETWORK);
        network.getConnect().networks.portSetParameters(ref, params);
    }

    @Libvirt("virNetworkPortDelete")
    public void delete() {
        network.getConnect().checkWritable("virNetworkPortDelete", ErrorDomain.NETWORK);
        network.getConnect().networks.portDelete(ref);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkPort p && p.network.equals(network) && p.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, ref.uuid());
    }

    @Override
    public String toString() {
        return "NetworkPort[" + network.getName() + ", " + ref.uuid() + "]";
    }
}
