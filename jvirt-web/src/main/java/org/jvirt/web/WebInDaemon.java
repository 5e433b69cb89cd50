package org.jvirt.web;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.transport.embed.EmbeddedServer;
import org.jvirt.transport.embed.HostGauge;
import org.jvirt.transport.tls.TlsServerConfig;

/**
 * jvirt-web run by jvirtd in its own process, configured in jvirtd.conf (docs/web.md):
 * <ul>
 *   <li>{@code web_listen}: "ADDR:PORT" or a list of them;</li>
 *   <li>{@code web_unix_sock}: a unix socket path (mode 0600);</li>
 *   <li>{@code web_tls}: 1 for HTTPS with the daemon's own x509 files, client certificates and
 *       {@code tls_allowed_dn_list}; 0 (the default) is plain HTTP, allowed on loopback addresses only;</li>
 *   <li>{@code web_uri}: the connection served, opened in the daemon's process; by default the first of
 *       {@code driver_uris}, else the QEMU driver of the daemon's user, as jvirtd holds it;</li>
 *   <li>{@code web_max_body}: the largest request body, in bytes.</li>
 * </ul>
 * {@code /metrics} then carries the daemon's own gauges too (clients, calls in progress).
 */
public final class WebInDaemon implements EmbeddedServer {

    private static final Logger LOG = Logger.getLogger(WebInDaemon.class.getName());

    @Override
    public String name() {
        return "web";
    }

    @Override
    public AutoCloseable start(ConfFile conf, List<HostGauge> gauges) throws Exception {
        WebOptions options = options(conf);
        WebServer w = WebServer.start(options);
        w.metrics().publish(gauges);
        for (var u : w.baseUris()) {
            LOG.info(() -> "jvirt-web serving " + options.uri() + " at " + u);
        }
        if (options.unix() != null) {
            LOG.info(() -> "jvirt-web serving " + options.uri() + " at unix:" + options.unix());
        }
        return w;
    }

    static WebOptions options(ConfFile conf) throws UnknownHostException {
        List<InetSocketAddress> listen = new ArrayList<>();
        for (String a : conf.getStringList("web_listen").orElse(List.of())) {
            try {
                listen.add(WebOptions.address(a));
            } catch (IllegalArgumentException e) {
                throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "%s: web_listen wants ADDR:PORT, not '%s'", conf.fileName(), a);
            }
        }
        Path unix = conf.getString("web_unix_sock").map(Path::of).orElse(null);
        TlsServerConfig tls = conf.getBoolean("web_tls").orElse(false) ? TlsServerConfig.from(conf) : null;
        String uri = conf.getString("web_uri").orElseGet(() -> conf.getStringList("driver_uris")
                .filter(l -> !l.isEmpty()).map(l -> l.get(0))
                .orElse("root".equals(System.getProperty("user.name")) ? "qemu:///system" : "qemu:///session"));
        long maxBody = conf.getLong("web_max_body").orElse(WebOptions.DEFAULT_MAX_BODY);
        try {
            return new WebOptions(uri, listen, unix, tls, maxBody, org.jvirt.web.console.Tickets.DEFAULT_TTL);
        } catch (IllegalArgumentException e) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX, "%s: %s", conf.fileName(),
                    e.getMessage());
        }
    }
}
