package org.jvirt.transport.embed;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.jvirt.conf.ConfFile;

/**
 * A server that jvirtd can run in its own process when its config asks for it — jvirt-web, enabled by
 * {@code web_listen} or {@code web_unix_sock}. jvirtd has no compile-time dependency on it and does not even
 * keep its jars on the class path: the launcher names them in the system property {@value #PATH_PROPERTY}
 * (jar files, or directories of jars), and {@link #find} loads them only when the config asks, in a class
 * loader whose parent is the daemon's (so the core API and the drivers are the daemon's own classes, with the
 * daemon's state). A daemon that does not use it opens none of its jars.
 */
public interface EmbeddedServer {

    /** Where the launcher lists the hosted servers' jars: {@code File.pathSeparator}-separated files or dirs. */
    String PATH_PROPERTY = "jvirt.hosted.path";

    /** The name the daemon asks for ("web"). */
    String name();

    /**
     * Starts serving with the settings in the daemon's config file (its own keys plus the x509 ones), the
     * connection opened in this process; {@code gauges} are the daemon's own figures to publish beside its
     * own. Closing the handle stops it.
     */
    AutoCloseable start(ConfFile daemonConfig, List<HostGauge> gauges) throws Exception;

    /**
     * The provider named {@code name}, from the jars in {@value #PATH_PROPERTY} or, without that property, the
     * class path (tests). Returns it with the loader its classes come from, which must be the thread's context
     * class loader while it starts (its libraries look their plug-ins up there).
     */
    static Optional<Found> find(String name) throws IOException {
        ClassLoader parent = EmbeddedServer.class.getClassLoader();
        String path = System.getProperty(PATH_PROPERTY, "");
        ClassLoader loader = path.isBlank() ? parent : new URLClassLoader("jvirt-hosted", urls(path), parent);
        for (ServiceLoader.Provider<EmbeddedServer> p : ServiceLoader.load(EmbeddedServer.class, loader).stream()
                .toList()) {
            EmbeddedServer s = p.get();
            if (s.name().equals(name)) {
                return Optional.of(new Found(s, loader));
            }
        }
        return Optional.empty();
    }

    /** A provider and the class loader of its jars. */
    record Found(EmbeddedServer server, ClassLoader loader) {

        /** {@link EmbeddedServer#start} with the provider's loader as the context class loader. */
        public AutoCloseable start(ConfFile daemonConfig, List<HostGauge> gauges) throws Exception {
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                return server.start(daemonConfig, gauges);
            } finally {
                t.setContextClassLoader(before);
            }
        }
    }

    private static URL[] urls(String path) throws IOException {
        List<URL> out = new ArrayList<>();
        for (String e : path.split(java.io.File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                try (Stream<Path> jars = Files.list(p)) {
                    for (Path j : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                        out.add(url(j));
                    }
                }
            } else if (Files.isRegularFile(p)) {
                out.add(url(p));
            }
        }
        return out.toArray(new URL[0]);
    }

    private static URL url(Path p) throws MalformedURLException {
        return p.toUri().toURL();
    }
}
