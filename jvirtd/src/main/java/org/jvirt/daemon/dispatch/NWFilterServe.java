package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.NWFilterProcedures.*;
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

/** Network filters (by UUID) and filter bindings (by port device). */
final class NWFilterServe {

    private static final int LIST_MAX = 16384;

    private NWFilterServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_LIST_ALL_NWFILTERS, (c, a) -> {
            c.noFlags(a.flags());
            List<NWFilter> all = c.conn().listAllNWFilters();
            return new RemoteConnectListAllNwfiltersRet(results(a.needResults(),
                    all.stream().map(Wire::nwfilter).toList()), all.size());
        });
        t.on(CONNECT_NUM_OF_NWFILTERS, (c, a) -> new RemoteConnectNumOfNwfiltersRet(c.conn().numOfNWFilters()));
        t.on(CONNECT_LIST_NWFILTERS, (c, a) -> new RemoteConnectListNwfiltersRet(
                c.limit(c.conn().listNWFilters(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(NWFILTER_LOOKUP_BY_NAME, (c, a) ->
                new RemoteNwfilterLookupByNameRet(Wire.nwfilter(c.conn().nwfilterLookupByName(a.name()))));
        t.on(NWFILTER_LOOKUP_BY_UUID, (c, a) ->
                new RemoteNwfilterLookupByUuidRet(Wire.nwfilter(c.conn().nwfilterLookupByUUID(a.uuid()))));
        t.on(NWFILTER_GET_XML_DESC, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNwfilterGetXmlDescRet(Wire.nwfilter(c.conn(), a.nwfilter()).getXMLDesc());
        });
        t.on(NWFILTER_DEFINE_XML, (c, a) ->
                new RemoteNwfilterDefineXmlRet(Wire.nwfilter(c.conn().nwfilterDefineXML(a.xml()))));
        t.on(NWFILTER_DEFINE_XML_FLAGS, (c, a) -> {
            c.noFlags(a.flags() & ~1); // VALIDATE: the driver always validates
            return new RemoteNwfilterDefineXmlFlagsRet(Wire.nwfilter(c.conn().nwfilterDefineXML(a.xml())));
        });
        t.on(NWFILTER_UNDEFINE, (c, a) -> {
            Wire.nwfilter(c.conn(), a.nwfilter()).undefine();
            return null;
        });
        t.on(CONNECT_LIST_ALL_NWFILTER_BINDINGS, (c, a) -> {
            c.noFlags(a.flags());
            List<NWFilterBinding> all = c.conn().listAllNWFilterBindings();
            return new RemoteConnectListAllNwfilterBindingsRet(results(a.needResults(),
                    all.stream().map(Wire::binding).toList()), all.size());
        });
        t.on(NWFILTER_BINDING_LOOKUP_BY_PORT_DEV, (c, a) -> new RemoteNwfilterBindingLookupByPortDevRet(
                Wire.binding(c.conn().nwfilterBindingLookupByPortDev(a.name()))));
        t.on(NWFILTER_BINDING_GET_XML_DESC, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNwfilterBindingGetXmlDescRet(Wire.binding(c.conn(), a.nwfilter()).getXMLDesc());
        });
        t.on(NWFILTER_BINDING_CREATE_XML, (c, a) -> {
            c.noFlags(a.flags() & ~1);
            return new RemoteNwfilterBindingCreateXmlRet(Wire.binding(c.conn().nwfilterBindingCreateXML(a.xml())));
        });
        t.on(NWFILTER_BINDING_DELETE, (c, a) -> {
            Wire.binding(c.conn(), a.nwfilter()).delete();
            return null;
        });
    }
}
