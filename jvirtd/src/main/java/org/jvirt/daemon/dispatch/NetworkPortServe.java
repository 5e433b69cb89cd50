package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.NetworkProcedures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NetworkPort;
import org.jvirt.VirtException;
import org.jvirt.flags.NetworkPortCreateFlag;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetworkPort;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam;
import org.jvirt.rpc.proto.remote.NetworkTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes2.*;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;

/** Network ports (virNetworkPort*): list, lookup, create, XML, parameters, delete. */
final class NetworkPortServe {

    private NetworkPortServe() {
    }

    static RemoteNonnullNetworkPort wire(NetworkPort p) {
        return new RemoteNonnullNetworkPort(Wire.net(p.getNetwork()), p.getUUID());
    }

    static NetworkPort port(Call c, RemoteNonnullNetworkPort p) {
        return Wire.net(c.conn(), p.net()).portLookupByUUID(p.uuid());
    }

    static void register(DispatchTable t) {
        t.on(NETWORK_LIST_ALL_PORTS, (c, a) -> {
            c.noFlags(a.flags());
            List<NetworkPort> all = Wire.net(c.conn(), a.network()).listAllPorts();
            return new RemoteNetworkListAllPortsRet(results(a.needResults(),
                    all.stream().map(NetworkPortServe::wire).toList()), all.size());
        });
        t.on(NETWORK_PORT_LOOKUP_BY_UUID, (c, a) -> new RemoteNetworkPortLookupByUuidRet(
                wire(Wire.net(c.conn(), a.network()).portLookupByUUID(a.uuid()))));
        t.on(NETWORK_PORT_CREATE_XML, (c, a) -> new RemoteNetworkPortCreateXmlRet(wire(
                Wire.net(c.conn(), a.network()).portCreateXML(a.xml(),
                        c.flags(NetworkPortCreateFlag.class, a.flags())))));
        t.on(NETWORK_PORT_GET_XML_DESC, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteNetworkPortGetXmlDescRet(port(c, a.port()).getXMLDesc());
        });
        t.on(NETWORK_PORT_GET_PARAMETERS, (c, a) -> {
            c.noFlags(a.flags());
            List<RemoteTypedParam> out = new ArrayList<>();
            // the bandwidth parameters are UINT in libvirt (virNetworkPortGetParameters)
            for (Map.Entry<String, Object> e : port(c, a.port()).getParameters().entrySet()) {
                out.add(new RemoteTypedParam(e.getKey(), e.getValue() instanceof Integer i
                        ? new RemoteTypedParamValue.UintValue(i)
                        : new RemoteTypedParamValue.StringValue(String.valueOf(e.getValue()))));
            }
            return new RemoteNetworkPortGetParametersRet(out, out.size());
        });
        t.on(NETWORK_PORT_SET_PARAMETERS, (c, a) -> {
            c.noFlags(a.flags());
            Map<String, Object> params = new java.util.LinkedHashMap<>();
            for (RemoteTypedParam p : a.params()) {
                params.put(p.field(), switch (p.value()) {
                    case RemoteTypedParamValue.UintValue u -> u.value();
                    case RemoteTypedParamValue.IntValue i -> i.value();
                    default -> throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INVALID_ARG,
                            "invalid type for parameter '%s'", p.field());
                });
            }
            port(c, a.port()).setParameters(params);
            return null;
        });
        t.on(NETWORK_PORT_DELETE, (c, a) -> {
            c.noFlags(a.flags());
            port(c, a.port()).delete();
            return null;
        });
    }
}
