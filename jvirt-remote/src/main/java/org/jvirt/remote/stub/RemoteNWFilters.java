package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;
import static org.jvirt.rpc.proto.remote.NWFilterProcedures.*;

import java.util.List;
import java.util.UUID;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes2.*;
import org.jvirt.rpc.proto.remote.NWFilterTypes.*;
import org.jvirt.spi.NWFilterBindingRef;
import org.jvirt.spi.NWFilterDriver;
import org.jvirt.spi.NWFilterRef;

/** virNWFilter* and virNWFilterBinding* over the wire. */
public final class RemoteNWFilters implements NWFilterDriver {

    private static final int LIST_MAX = 16384;

    private final Rpc rpc;

    public RemoteNWFilters(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public List<NWFilterRef> listAllNWFilters() {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_NWFILTERS, new RemoteConnectListAllNwfiltersArgs(1, 0)).filters(),
                Refs::filter);
    }

    @Override
    public int numOfNWFilters() {
        return rpc.call(CONNECT_NUM_OF_NWFILTERS, null).num();
    }

    @Override
    public List<String> listNWFilters() {
        return rpc.call(CONNECT_LIST_NWFILTERS, new RemoteConnectListNwfiltersArgs(LIST_MAX)).names();
    }

    @Override
    public NWFilterRef lookupByName(String name) {
        return Refs.filter(rpc.call(NWFILTER_LOOKUP_BY_NAME, new RemoteNwfilterLookupByNameArgs(name)).nwfilter());
    }

    @Override
    public NWFilterRef lookupByUUID(UUID uuid) {
        return Refs.filter(rpc.call(NWFILTER_LOOKUP_BY_UUID, new RemoteNwfilterLookupByUuidArgs(uuid)).nwfilter());
    }

    @Override
    public NWFilterRef defineXML(String xml) {
        return Refs.filter(rpc.call(NWFILTER_DEFINE_XML, new RemoteNwfilterDefineXmlArgs(xml)).nwfilter());
    }

    @Override
    public void undefine(NWFilterRef filter) {
        rpc.call(NWFILTER_UNDEFINE, new RemoteNwfilterUndefineArgs(Refs.wire(filter)));
    }

    @Override
    public String getXMLDesc(NWFilterRef filter) {
        return rpc.call(NWFILTER_GET_XML_DESC, new RemoteNwfilterGetXmlDescArgs(Refs.wire(filter), 0)).xml();
    }

    @Override
    public List<NWFilterBindingRef> listAllBindings() {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_NWFILTER_BINDINGS, new RemoteConnectListAllNwfilterBindingsArgs(1,
                0)).bindings(), Refs::binding);
    }

    @Override
    public NWFilterBindingRef bindingLookupByPortDev(String portdev) {
        return Refs.binding(rpc.call(NWFILTER_BINDING_LOOKUP_BY_PORT_DEV,
                new RemoteNwfilterBindingLookupByPortDevArgs(portdev)).nwfilter());
    }

    @Override
    public NWFilterBindingRef bindingCreateXML(String xml) {
        return Refs.binding(rpc.call(NWFILTER_BINDING_CREATE_XML, new RemoteNwfilterBindingCreateXmlArgs(xml, 0))
                .nwfilter());
    }

    @Override
    public String bindingGetXMLDesc(NWFilterBindingRef binding) {
        return rpc.call(NWFILTER_BINDING_GET_XML_DESC, new RemoteNwfilterBindingGetXmlDescArgs(Refs.wire(binding),
                0)).xml();
    }

    @Override
    public void bindingDelete(NWFilterBindingRef binding) {
        rpc.call(NWFILTER_BINDING_DELETE, new RemoteNwfilterBindingDeleteArgs(Refs.wire(binding)));
    }
}
