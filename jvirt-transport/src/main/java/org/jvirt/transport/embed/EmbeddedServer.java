package org.jvirt.transport.embed;

import java.util.Optional;
import java.util.ServiceLoader;

import org.jvirt.conf.ConfFile;

/**
 * A server that jvirtd can run in its own process when its config asks for it — jvirt-web, enabled by
 * {@code web_listen} or {@code web_unix_sock}. Found through {@link ServiceLoader} only when the config names it,
 * so a daemon that does not use it loads none of its classes, and jvirtd needs no compile-time dependency on it.
 * Its connection is opened in the daemon's process and so reaches the daemon's own driver state with no socket
 * in between.
 */
public interface EmbeddedServer {

    /** The name the daemon asks for ("web"). */
    String name();

    /**
     * Starts serving with the settings in the daemon's config file (its own keys plus the x509 ones).
     * Closing the handle stops it.
     */
    AutoCloseable start(ConfFile daemonConfig) throws Exception;

    /** The provider named {@code name} on the class path, loading no other provider's classes beyond its own. */
    static Optional<EmbeddedServer> find(String name) {
        for (ServiceLoader.Provider<EmbeddedServer> p : ServiceLoader.load(EmbeddedServer.class).stream().toList()) {
            EmbeddedServer s = p.get();
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
