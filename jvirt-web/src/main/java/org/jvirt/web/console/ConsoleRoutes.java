package org.jvirt.web.console;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.VirtException;
import org.jvirt.web.http.ApiError;
import org.jvirt.web.http.Result;
import org.jvirt.web.http.Route.Body;
import org.jvirt.web.http.RouteTable;
import org.jvirt.web.metrics.WebMetrics;

/**
 * Console tickets (an API call) and the console websockets they open: {@code /console/vnc?ticket=...} relays the
 * guest's VNC, {@code /console/serial?ticket=...} its serial console. An upgrade without a valid ticket is a 403
 * and opens nothing.
 */
public final class ConsoleRoutes {

    private final Connect conn;
    private final Tickets tickets;
    private final WebMetrics metrics;

    public ConsoleRoutes(Connect conn, Tickets tickets, WebMetrics metrics) {
        this.conn = conn;
        this.tickets = tickets;
        this.metrics = metrics;
    }

    public void register(RouteTable t) {
        t.group("/api/v1/domains", "consoles");
        for (ConsoleKind k : ConsoleKind.values()) {
            String name = k.name().toLowerCase(Locale.ROOT);
            t.add("POST", "/{name}/console/" + name, "a one-time ticket for the domain's " + name + " console"
                    + " websocket (" + k.path() + "?ticket=...)", Body.NONE, 201, false, c -> {
                        Domain d = conn.domainLookupByName(c.param("name"));
                        if (k == ConsoleKind.VNC) {
                            VncTarget.of(d); // no ticket for a domain without a VNC server to reach
                        } else if (!d.isActive()) {
                            throw ApiError.from(VirtException.of(org.jvirt.ErrorDomain.DOMAIN,
                                    org.jvirt.ErrorNumber.OPERATION_INVALID, "domain is not running"));
                        }
                        Tickets.Ticket tk = tickets.issue(d.getName(), k);
                        return Result.json(201, Map.of("ticket", tk.token(), "path", k.path() + "?ticket="
                                + tk.token(), "expiresInSeconds", tickets.ttl().toSeconds()));
                    });
        }
    }

    public void websockets(ServerWebSocketContainer container) {
        container.addMapping(ConsoleKind.VNC.path(), creator(ConsoleKind.VNC));
        container.addMapping(ConsoleKind.SERIAL.path(), creator(ConsoleKind.SERIAL));
    }

    private WebSocketCreator creator(ConsoleKind kind) {
        return (rq, rs, cb) -> {
            String token = Request.extractQueryParameters(rq, StandardCharsets.UTF_8).getValue("ticket");
            Tickets.Ticket t = tickets.consume(token, kind);
            if (t == null) {
                Response.writeError(rq, rs, cb, 403, "a valid one-time console ticket is required");
                return null;
            }
            if (rq.hasSubProtocol("binary")) {
                rs.setAcceptedSubProtocol("binary");
            }
            String metric = "console-" + kind.name().toLowerCase(Locale.ROOT);
            if (kind == ConsoleKind.VNC) {
                SocketAddress target;
                try {
                    target = VncTarget.of(conn.domainLookupByName(t.domain()));
                } catch (VirtException e) {
                    Response.writeError(rq, rs, cb, ApiError.statusOf(e.error()), e.getMessage());
                    return null;
                }
                metrics.websocketOpened(metric);
                return new VncProxySocket(target, () -> metrics.websocketClosed(metric));
            }
            metrics.websocketOpened(metric);
            return new SerialSocket(conn, t.domain(), () -> metrics.websocketClosed(metric));
        };
    }
}
