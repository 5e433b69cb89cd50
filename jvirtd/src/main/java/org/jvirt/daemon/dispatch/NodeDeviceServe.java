package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.*;

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

/** Host node devices, addressed by name. */
final class NodeDeviceServe {

    /** libvirt's REMOTE_NODE_DEVICE_LIST_MAX and REMOTE_NODE_DEVICE_CAPS_LIST_MAX. */
    private static final int LIST_MAX = 65536;

    private NodeDeviceServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_LIST_ALL_NODE_DEVICES, (c, a) -> {
            List<NodeDevice> all = c.conn().listAllNodeDevices(c.flags(ListNodeDevicesFlag.class, a.flags()));
            return new RemoteConnectListAllNodeDevicesRet(results(a.needResults(),
                    all.stream().map(Wire::nodeDev).toList()), all.size());
        });
        t.on(NODE_NUM_OF_DEVICES, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNodeNumOfDevicesRet(c.conn().nodeNumOfDevices(a.cap()));
        });
        t.on(NODE_LIST_DEVICES, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNodeListDevicesRet(c.limit(c.conn().nodeListDevices(a.cap()), a.maxnames(), LIST_MAX,
                    "maxnames"));
        });
        t.on(NODE_DEVICE_LOOKUP_BY_NAME, (c, a) ->
                new RemoteNodeDeviceLookupByNameRet(Wire.nodeDev(c.conn().nodeDeviceLookupByName(a.name()))));
        t.on(NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNodeDeviceLookupScsiHostByWwnRet(
                    Wire.nodeDev(c.conn().nodeDeviceLookupSCSIHostByWWN(a.wwnn(), a.wwpn())));
        });
        t.on(NODE_DEVICE_GET_XML_DESC, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNodeDeviceGetXmlDescRet(Wire.nodeDev(c.conn(), a.name()).getXMLDesc());
        });
        t.on(NODE_DEVICE_GET_PARENT, (c, a) ->
                new RemoteNodeDeviceGetParentRet(Wire.nodeDev(c.conn(), a.name()).getParent()));
        t.on(NODE_DEVICE_NUM_OF_CAPS, (c, a) ->
                new RemoteNodeDeviceNumOfCapsRet(Wire.nodeDev(c.conn(), a.name()).numOfCaps()));
        t.on(NODE_DEVICE_LIST_CAPS, (c, a) -> new RemoteNodeDeviceListCapsRet(
                c.limit(Wire.nodeDev(c.conn(), a.name()).listCaps(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(NODE_DEVICE_CREATE_XML, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNodeDeviceCreateXmlRet(Wire.nodeDev(c.conn().nodeDeviceCreateXML(a.xmlDesc())));
        });
        t.on(NODE_DEVICE_DEFINE_XML, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNodeDeviceDefineXmlRet(Wire.nodeDev(c.conn().nodeDeviceDefineXML(a.xmlDesc())));
        });
        t.on(NODE_DEVICE_DESTROY, (c, a) -> {
            Wire.nodeDev(c.conn(), a.name()).destroy();
            return null;
        });
        t.on(NODE_DEVICE_CREATE, (c, a) -> {
            c.noFlags(a.flags());
            Wire.nodeDev(c.conn(), a.name()).create();
            return null;
        });
        t.on(NODE_DEVICE_DETTACH, (c, a) -> {
            Wire.nodeDev(c.conn(), a.name()).dettach();
            return null;
        });
        t.on(NODE_DEVICE_DETACH_FLAGS, (c, a) -> {
            c.noFlags(a.flags());
            Wire.nodeDev(c.conn(), a.name()).detachFlags(a.driverName());
            return null;
        });
        t.on(NODE_DEVICE_RE_ATTACH, (c, a) -> {
            Wire.nodeDev(c.conn(), a.name()).reAttach();
            return null;
        });
        t.on(NODE_DEVICE_RESET, (c, a) -> {
            Wire.nodeDev(c.conn(), a.name()).reset();
            return null;
        });
        t.on(NODE_DEVICE_UNDEFINE, (c, a) -> {
            c.noFlags(a.flags());
            Wire.nodeDev(c.conn(), a.name()).undefine();
            return null;
        });
        t.on(NODE_DEVICE_IS_ACTIVE, (c, a) ->
                new RemoteNodeDeviceIsActiveRet(bool(Wire.nodeDev(c.conn(), a.name()).isActive())));
        t.on(NODE_DEVICE_IS_PERSISTENT, (c, a) ->
                new RemoteNodeDeviceIsPersistentRet(bool(Wire.nodeDev(c.conn(), a.name()).isPersistent())));
        t.on(NODE_DEVICE_GET_AUTOSTART, (c, a) ->
                new RemoteNodeDeviceGetAutostartRet(bool(Wire.nodeDev(c.conn(), a.name()).getAutostart())));
        t.on(NODE_DEVICE_SET_AUTOSTART, (c, a) -> {
            Wire.nodeDev(c.conn(), a.name()).setAutostart(a.autostart() != 0);
            return null;
        });
    }
}
