package org.jvirt.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jvirt.Connect;
import org.jvirt.transport.tls.TlsServer;
import org.jvirt.web.console.ConsoleRoutes;
import org.jvirt.web.console.Tickets;
import org.jvirt.web.events.EventHub;
import org.jvirt.web.events.EventSocket;
import org.jvirt.web.http.ApiHandler;
import org.jvirt.web.http.ClientCertGuard;
import org.jvirt.web.http.OpenApi;
import org.jvirt.web.http.OriginGuard;
import org.jvirt.web.http.Result;
import org.jvirt.web.http.Route;
import org.jvirt.web.http.RouteTable;
import org.jvirt.web.http.StaticFiles;
import org.jvirt.web.metrics.WebMetrics;
import org.jvirt.web.ops.Operations;
import org.jvirt.web.rest.DomainRoutes;
import org.jvirt.web.rest.HostRoutes;
import org.jvirt.web.rest.InstallRoutes;
import org.jvirt.web.rest.NetworkRoutes;
import org.jvirt.web.rest.StorageRoutes;

/**
 * jvirt-web: one connection (any URI) served over HTTP/1.1 and HTTP/2 by Jetty's core handlers. The handler chain
 * is: client-certificate check, cross-origin refusal, websocket upgrades (events, consoles), the API route table,
 * the static UI.
 */
public final class WebServer implements AutoCloseable {

    public static final String VERSION = "0.1.0";

    private final Connect conn;
    private final Server server;
    private final Operations ops = new Operations();
    private final EventHub events;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<Route> routes;
    private final WebMetrics metrics;
    private final ConsoleRoutes consoles;
    private final WebOptions options;

    private WebServer(WebOptions options, Connect conn) throws Exception {
        this.options = options;
        this.conn = conn;
        QueuedThreadPool pool = new QueuedThreadPool(200, 4);
        pool.setName("jvirt-web");
        server = new Server(pool);
        events = new EventHub(conn, ops, json);
        metrics = new WebMetrics(conn);
        ops.listen(v -> {
            if (v.status() != org.jvirt.web.ops.Operation.Status.RUNNING) {
                metrics.operationEnded(v.kind(), v.status().name().toLowerCase(java.util.Locale.ROOT));
            }
        });

        RouteTable table = new RouteTable();
        new HostRoutes(conn, ops).register(table);
        new DomainRoutes(conn, ops).register(table);
        new NetworkRoutes(conn).register(table);
        new StorageRoutes(conn, ops).register(table);
        new InstallRoutes(conn, ops, osinfo()).register(table);
        consoles = new ConsoleRoutes(conn, new Tickets(options.ticketTtl()), metrics);
        consoles.register(table);
        table.group("", "meta");
        table.get("/healthz", "whether the server and its connection are alive", c -> conn.isAlive()
                ? new Result.Bytes(200, "text/plain; charset=utf-8", "ok\n".getBytes(), null)
                : new Result.Bytes(503, "text/plain; charset=utf-8", "connection lost\n".getBytes(), null));
        table.get("/metrics", "Prometheus metrics: libvirt's bulk statistics under prometheus-libvirt-exporter's"
                + " names, and this server's requests, latencies, websockets and operations",
                c -> new Result.Bytes(200, metrics.contentType(), metrics.scrape(), null));
        table.get("/openapi.json", "this API's OpenAPI 3 document", c -> Result.ok(OpenApi.document(
                routesForDoc(), VERSION)));
        routes = table.routes();

        ApiHandler api = new ApiHandler(routes, List.of("/api/"), json, options.maxBody(),
                metrics);
        Handler.Sequence content = new Handler.Sequence(api, new StaticFiles());
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            // a console or an events page can sit silent for long (no screen change, no event): Jetty's default of
            // 30 s would cut it; an hour, after which the UI reconnects (events) or the user reopens (consoles)
            container.setIdleTimeout(java.time.Duration.ofHours(1));
            container.setMaxBinaryMessageSize(1 << 20);
            container.addMapping("/api/v1/events", (rq, rs, cb) -> new EventSocket(events, metrics));
            consoles.websockets(container);
        });
        ws.setHandler(content);

        TlsServer tls = options.tls() == null ? null : TlsServer.load(options.tls());
        server.setHandler(new ClientCertGuard(tls, new OriginGuard(ws)));
        for (InetSocketAddress a : options.listen()) {
            ServerConnector c = tls == null ? new ServerConnector(server, plain()) : new ServerConnector(server,
                    secure(tls));
            c.setHost(a.getAddress().getHostAddress());
            c.setPort(a.getPort());
            server.addConnector(c);
        }
        if (options.unix() != null) {
            Files.deleteIfExists(options.unix());
            UnixDomainServerConnector u = new UnixDomainServerConnector(server, plain());
            u.setUnixDomainPath(options.unix());
            server.addConnector(u);
        }
    }

    private List<Route> routesForDoc() {
        return routes;
    }

    /** Opens the connection and starts listening. */
    public static WebServer start(WebOptions options) throws Exception {
        Connect conn = Connect.open(options.uri());
        try {
            WebServer w = new WebServer(options, conn);
            w.server.start();
            if (options.unix() != null) {
                Files.setPosixFilePermissions(options.unix(),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            return w;
        } catch (Exception e) {
            conn.close();
            throw e;
        }
    }

    private static HttpConfiguration httpConfig() {
        HttpConfiguration h = new HttpConfiguration();
        h.setSendServerVersion(false);
        h.setSendXPoweredBy(false);
        return h;
    }

    /** HTTP/1.1 and h2c (prior knowledge or upgrade). */
    private static ConnectionFactory[] plain() {
        HttpConfiguration h = httpConfig();
        return new ConnectionFactory[] {new HttpConnectionFactory(h), new HTTP2CServerConnectionFactory(h)};
    }

    /** TLS with jvirtd's files; ALPN offers h2 and http/1.1. */
    private static ConnectionFactory[] secure(TlsServer tls) {
        HttpConfiguration h = httpConfig();
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false);
        h.addCustomizer(src);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.context());
        if (tls.verifiesClients()) {
            ssl.setNeedClientAuth(true);
        } else {
            ssl.setWantClientAuth(true);
        }
        HttpConnectionFactory http1 = new HttpConnectionFactory(h);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(h);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ConnectionFactory[] {new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, http1};
    }

    public Connect connection() {
        return conn;
    }

    /** The OS database, read on first use (a server that never installs never pays for it), then kept. */
    private static java.util.function.Supplier<org.jvirt.install.os.OsinfoCatalog> osinfo() {
        var holder = new java.util.concurrent.atomic.AtomicReference<org.jvirt.install.os.OsinfoCatalog>();
        return () -> {
            org.jvirt.install.os.OsinfoCatalog c = holder.get();
            if (c == null) {
                synchronized (holder) {
                    c = holder.get();
                    if (c == null) {
                        c = org.jvirt.install.os.OsinfoCatalog.loadDefault();
                        holder.set(c);
                    }
                }
            }
            return c;
        };
    }

    public WebMetrics metrics() {
        return metrics;
    }

    public Operations operations() {
        return ops;
    }

    public List<Route> routes() {
        return routes;
    }

    /** The base URI of each TCP listener, in the order given. */
    public List<URI> baseUris() {
        List<URI> out = new ArrayList<>();
        for (var c : server.getConnectors()) {
            if (c instanceof NetworkConnector n && !(c instanceof UnixDomainServerConnector)) {
                String scheme = options.tls() == null ? "http" : "https";
                String host = n.getHost().contains(":") ? "[" + n.getHost() + "]" : n.getHost();
                out.add(URI.create(scheme + "://" + host + ":" + n.getLocalPort()));
            }
        }
        return out;
    }

    public URI baseUri() {
        return baseUris().get(0);
    }

    public Path unixSocket() {
        return options.unix();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            server.stop();
        } catch (java.io.IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException("stopping the server", e);
        } finally {
            try {
                events.close();
            } finally {
                conn.close();
                if (options.unix() != null) {
                    Files.deleteIfExists(options.unix());
                }
            }
        }
    }
}
