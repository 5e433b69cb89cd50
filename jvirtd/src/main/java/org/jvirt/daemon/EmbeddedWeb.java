package org.jvirt.daemon;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jvirt.conf.ConfFile;
import org.jvirt.transport.embed.EmbeddedServer;
import org.jvirt.transport.embed.HostGauge;

/**
 * jvirt-web inside the daemon, when jvirtd.conf sets {@code web_listen} or {@code web_unix_sock}. jvirt-web is
 * found through {@link EmbeddedServer} only then: a daemon without those keys opens none of its jars and loads
 * none of its classes (nor Jetty's), and jvirtd builds without it. Its connection is opened in this process, on the drivers the daemon
 * serves, with no socket in between.
 */
final class EmbeddedWeb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedWeb.class.getName());

    private final AutoCloseable server;

    private EmbeddedWeb(AutoCloseable server) {
        this.server = server;
    }

    /** Starts it, or fails the daemon's start with the reason: a configured web server that cannot run is an error. */
    static EmbeddedWeb start(ConfFile config, List<HostGauge> gauges) throws IOException {
        EmbeddedServer.Found web = EmbeddedServer.find("web").orElseThrow(() -> new IOException(
                "web_listen/web_unix_sock are set but jvirt-web is not installed (no jvirt-web jar in "
                        + EmbeddedServer.PATH_PROPERTY + " or on the class path)"));
        try {
            return new EmbeddedWeb(web.start(config, gauges));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("starting jvirt-web: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping jvirt-web failed", e);
        }
    }
}
