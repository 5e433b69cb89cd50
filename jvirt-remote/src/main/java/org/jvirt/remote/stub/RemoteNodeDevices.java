package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.*;

import java.util.List;
import java.util.Set;
import org.jvirt.Flags;
import org.jvirt.flags.ListNodeDevicesFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.*;
import org.jvirt.spi.NodeDeviceDriver;
import org.jvirt.spi.NodeDeviceRef;

/** virNodeDevice* over the wire (libvirt's protocol addresses node devices by name alone). */
public final class RemoteNodeDevices implements NodeDeviceDriver {

    /** libvirt's REMOTE_NODE_DEVICE_LIST_MAX / capability list max. */
    private static final int LIST_MAX = 65536;
    private static final int CAPS_LIST_MAX = 65536;

    private final Rpc rpc;

    public RemoteNodeDevices(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public List<NodeDeviceRef> listAllNodeDevices(Set<ListNodeDevicesFlag> flags) {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_NODE_DEVICES, new RemoteConnectListAllNodeDevicesArgs(1,
                Flags.toBits(flags))).devices(), Refs::dev);
    }

    @Override
    public int numOfDevices(String cap) {
        return rpc.call(NODE_NUM_OF_DEVICES, new RemoteNodeNumOfDevicesArgs(cap, 0)).num();
    }

    @Override
    public List<String> listDevices(String cap) {
        return rpc.call(NODE_LIST_DEVICES, new RemoteNodeListDevicesArgs(cap, LIST_MAX, 0)).names();
    }

    @Override
    public NodeDeviceRef lookupByName(String name) {
        return Refs.dev(rpc.call(NODE_DEVICE_LOOKUP_BY_NAME, new RemoteNodeDeviceLookupByNameArgs(name)).dev());
    }

    @Override
    public NodeDeviceRef lookupSCSIHostByWWN(String wwnn, String wwpn) {
        return Refs.dev(rpc.call(NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN, new RemoteNodeDeviceLookupScsiHostByWwnArgs(
                wwnn, wwpn, 0)).dev());
    }

    @Override
    public String getXMLDesc(NodeDeviceRef dev) {
        return rpc.call(NODE_DEVICE_GET_XML_DESC, new RemoteNodeDeviceGetXmlDescArgs(dev.name(), 0)).xml();
    }

    @Override
    public String getParent(NodeDeviceRef dev) {
        return rpc.call(NODE_DEVICE_GET_PARENT, new RemoteNodeDeviceGetParentArgs(dev.name())).parentName();
    }

    @Override
    public int numOfCaps(NodeDeviceRef dev) {
        return rpc.call(NODE_DEVICE_NUM_OF_CAPS, new RemoteNodeDeviceNumOfCapsArgs(dev.name())).num();
    }

    @Override
    public List<String> listCaps(NodeDeviceRef dev) {
        return rpc.call(NODE_DEVICE_LIST_CAPS, new RemoteNodeDeviceListCapsArgs(dev.name(), CAPS_LIST_MAX)).names();
    }

    @Override
    public NodeDeviceRef createXML(String xml) {
        return Refs.dev(rpc.call(NODE_DEVICE_CREATE_XML, new RemoteNodeDeviceCreateXmlArgs(xml, 0)).dev());
    }

    @Override
    public NodeDeviceRef defineXML(String xml) {
        return Refs.dev(rpc.call(NODE_DEVICE_DEFINE_XML, new RemoteNodeDeviceDefineXmlArgs(xml, 0)).dev());
    }

    @Override
    public void undefine(NodeDeviceRef dev) {
        rpc.call(NODE_DEVICE_UNDEFINE, new RemoteNodeDeviceUndefineArgs(dev.name(), 0));
    }

    @Override
    public void create(NodeDeviceRef dev) {
        rpc.call(NODE_DEVICE_CREATE, new RemoteNodeDeviceCreateArgs(dev.name(), 0));
    }

    @Override
    public void dettach(NodeDeviceRef dev) {
        rpc.call(NODE_DEVICE_DETTACH, new RemoteNodeDeviceDettachArgs(dev.name()));
    }

    @Override
    public void detachFlags(NodeDeviceRef dev, String driverName) {
        rpc.call(NODE_DEVICE_DETACH_FLAGS, new RemoteNodeDeviceDetachFlagsArgs(dev.name(), driverName, 0));
    }

    @Override
    public void reAttach(NodeDeviceRef dev) {
        rpc.call(NODE_DEVICE_RE_ATTACH, new RemoteNodeDeviceReAttachArgs(dev.name()));
    }

    @Override
    public void reset(NodeDeviceRef dev) {
        rpc.call(NODE_DEVICE_RESET, new RemoteNodeDeviceResetArgs(dev.name()));
    }

    @Override
    public void destroy(NodeDeviceRef dev) {
        rpc.call(NODE_DEVICE_DESTROY, new RemoteNodeDeviceDestroyArgs(dev.name()));
    }

    @Override
    public boolean isActive(NodeDeviceRef dev) {
        return Refs.bool(rpc.call(NODE_DEVICE_IS_ACTIVE, new RemoteNodeDeviceIsActiveArgs(dev.name())).active());
    }

    @Override
    public boolean isPersistent(NodeDeviceRef dev) {
        return Refs.bool(rpc.call(NODE_DEVICE_IS_PERSISTENT, new RemoteNodeDeviceIsPersistentArgs(dev.name()))
                .persistent());
    }

    @Override
    public boolean getAutostart(NodeDeviceRef dev) {
        return Refs.bool(rpc.call(NODE_DEVICE_GET_AUTOSTART, new RemoteNodeDeviceGetAutostartArgs(dev.name()))
                .autostart());
    }

    @Override
    public void setAutostart(NodeDeviceRef dev, boolean autostart) {
        rpc.call(NODE_DEVICE_SET_AUTOSTART, new RemoteNodeDeviceSetAutostartArgs(dev.name(), Refs.bit(autostart)));
    }
}
