package org.jvirt.install;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An install tree served over http on loopback, as a distribution mirror serves one: GET and HEAD of the files
 * under a directory the test builds, a directory answers with a small listing, 404 for anything else.
 */
final class TreeServer implements AutoCloseable {
    private final HttpServer server;
    private final java.util.Set<String> brokenGets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final Path root;

    TreeServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The URL of a path in the tree ("debian/dists/bullseye/..."). */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** Writes a file of the tree (directories made). */
    Path put(String path, byte[] content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return p;
    }

    Path put(String path, String content) throws IOException {
        return put(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A file HEAD says is there but GET fails for (a mirror mid-sync): 404 on GET. */
    void breakGet(String path) {
        brokenGets.add("/" + path);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            Path p = root.resolve(ex.getRequestURI().getPath().replaceAll("^/+", "")).normalize();
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (p.startsWith(root) && Files.isDirectory(p)) {
                byte[] listing = "<html><body>index</body></html>\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, head ? -1 : listing.length);
                if (!head) {
                    ex.getResponseBody().write(listing);
                }
                return;
            }
            if (!p.startsWith(root) || !Files.isRegularFile(p)
                    || (!head && brokenGets.contains(ex.getRequestURI().getPath()))) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(p);
            if (head) {
                ex.getResponseHeaders().set("Content-Length", Long.toString(size));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, size);
            try (OutputStream o = ex.getResponseBody()) {
                Files.copy(p, o);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
