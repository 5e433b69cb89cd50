package org.jvirt.web.http;

import java.util.ArrayList;
import java.util.List;

/** Collects routes under a prefix and a tag; each resource's routes are declared in one place with it. */
public final class RouteTable {

    private final List<Route> routes = new ArrayList<>();
    private String prefix = "";
    private String tag = "";

    public RouteTable group(String prefix, String tag) {
        this.prefix = prefix;
        this.tag = tag;
        return this;
    }

    public RouteTable get(String path, String summary, Route.Handler h) {
        return add("GET", path, summary, Route.Body.NONE, 200, false, h);
    }

    public RouteTable add(String method, String path, String summary, Route.Body body, int success, boolean ifMatch,
                          Route.Handler h) {
        routes.add(new Route(method, prefix + path, tag, summary, body, success, ifMatch, h));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
