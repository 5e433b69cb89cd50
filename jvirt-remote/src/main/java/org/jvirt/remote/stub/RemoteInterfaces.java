package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;
import static org.jvirt.rpc.proto.remote.InterfaceProcedures.*;

import java.util.List;
import java.util.Set;
import org.jvirt.Flags;
import org.jvirt.flags.ListInterfacesFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.InterfaceTypes.*;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.InterfaceRef;

/** virInterface* over the wire. */
public final class RemoteInterfaces implements InterfaceDriver {

    private static final int LIST_MAX = 16384;
    /** VIR_INTERFACE_XML_INACTIVE. */
    private static final int XML_INACTIVE = 1;

    private final Rpc rpc;

    public RemoteInterfaces(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public List<InterfaceRef> listAllInterfaces(Set<ListInterfacesFlag> flags) {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_INTERFACES, new RemoteConnectListAllInterfacesArgs(1,
                Flags.toBits(flags))).ifaces(), Refs::iface);
    }

    @Override
    public int numOfInterfaces() {
        return rpc.call(CONNECT_NUM_OF_INTERFACES, null).num();
    }

    @Override
    public List<String> listInterfaces() {
        return rpc.call(CONNECT_LIST_INTERFACES, new RemoteConnectListInterfacesArgs(LIST_MAX)).names();
    }

    @Override
    public int numOfDefinedInterfaces() {
        return rpc.call(CONNECT_NUM_OF_DEFINED_INTERFACES, null).num();
    }

    @Override
    public List<String> listDefinedInterfaces() {
        return rpc.call(CONNECT_LIST_DEFINED_INTERFACES, new RemoteConnectListDefinedInterfacesArgs(LIST_MAX))
                .names();
    }

    @Override
    public InterfaceRef lookupByName(String name) {
        return Refs.iface(rpc.call(INTERFACE_LOOKUP_BY_NAME, new RemoteInterfaceLookupByNameArgs(name)).iface());
    }

    @Override
    public InterfaceRef lookupByMACString(String mac) {
        return Refs.iface(rpc.call(INTERFACE_LOOKUP_BY_MAC_STRING, new RemoteInterfaceLookupByMacStringArgs(mac))
                .iface());
    }

    @Override
    public String getXMLDesc(InterfaceRef iface, boolean inactive) {
        return rpc.call(INTERFACE_GET_XML_DESC, new RemoteInterfaceGetXmlDescArgs(Refs.wire(iface),
                inactive ? XML_INACTIVE : 0)).xml();
    }

    @Override
    public InterfaceRef defineXML(String xml) {
        return Refs.iface(rpc.call(INTERFACE_DEFINE_XML, new RemoteInterfaceDefineXmlArgs(xml, 0)).iface());
    }

    @Override
    public void undefine(InterfaceRef iface) {
        rpc.call(INTERFACE_UNDEFINE, new RemoteInterfaceUndefineArgs(Refs.wire(iface)));
    }

    @Override
    public void create(InterfaceRef iface) {
        rpc.call(INTERFACE_CREATE, new RemoteInterfaceCreateArgs(Refs.wire(iface), 0));
    }

    @Override
    public void destroy(InterfaceRef iface) {
        rpc.call(INTERFACE_DESTROY, new RemoteInterfaceDestroyArgs(Refs.wire(iface), 0));
    }

    @Override
    public boolean isActive(InterfaceRef iface) {
        return Refs.bool(rpc.call(INTERFACE_IS_ACTIVE, new RemoteInterfaceIsActiveArgs(Refs.wire(iface))).active());
    }

    @Override
    public void changeBegin() {
        rpc.call(INTERFACE_CHANGE_BEGIN, new RemoteInterfaceChangeBeginArgs(0));
    }

    @Override
    public void changeCommit() {
        rpc.call(INTERFACE_CHANGE_COMMIT, new RemoteInterfaceChangeCommitArgs(0));
    }

    @Override
    public void changeRollback() {
        rpc.call(INTERFACE_CHANGE_ROLLBACK, new RemoteInterfaceChangeRollbackArgs(0));
    }
}
