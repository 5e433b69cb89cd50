package org.jvirt.web.rest;

import java.nio.charset.StandardCharsets;

import org.jvirt.Connect;
import org.jvirt.Network;
import org.jvirt.flags.NetworkXMLFlag;
import org.jvirt.web.http.Call;
import org.jvirt.web.http.Etags;
import org.jvirt.web.http.Result;
import org.jvirt.web.http.Route.Body;
import org.jvirt.web.http.RouteTable;

/** Virtual networks: list, define from XML, start, stop, undefine, XML with ETag. */
public final class NetworkRoutes {

    private final Connect conn;

    public NetworkRoutes(Connect conn) {
        this.conn = conn;
    }

    public void register(RouteTable t) {
        t.group("/api/v1/networks", "networks");
        t.get("", "list the networks", c -> Result.ok(Views.Page.of(
                conn.listAllNetworks().stream().map(Views::network).toList())));
        t.add("POST", "", "define a network from libvirt XML", Body.XML, 201, false, c -> {
            Network n = conn.networkDefineXML(c.bodyText());
            return new Result.Json(201, Views.network(n), etag(n));
        });
        t.get("/{name}", "one network", c -> {
            Network n = net(c);
            return new Result.Json(200, Views.network(n), etag(n));
        });
        t.get("/{name}/xml", "the network's XML", c -> {
            Network n = net(c);
            return new Result.Bytes(200, "application/xml", n.getXMLDesc().getBytes(StandardCharsets.UTF_8), etag(n));
        });
        t.add("POST", "/{name}/start", "start the network", Body.NONE, 200, false, c -> {
            Network n = net(c);
            n.create();
            return Result.ok(Views.network(n));
        });
        t.add("POST", "/{name}/stop", "stop the network (virNetworkDestroy)", Body.NONE, 200, false, c -> {
            Network n = net(c);
            n.destroy();
            return Result.ok(Views.network(n));
        });
        t.add("DELETE", "/{name}", "undefine the network (If-Match)", Body.NONE, 204, true, c -> {
            Network n = net(c);
            c.checkIfMatch(etag(n));
            n.undefine();
            return Result.noContent();
        });
    }

    private Network net(Call c) {
        return conn.networkLookupByName(c.param("name"));
    }

    static String etag(Network n) {
        return Etags.of(Etags.definition(n.isPersistent(), () -> n.getXMLDesc(NetworkXMLFlag.INACTIVE), n::getXMLDesc));
    }
}
