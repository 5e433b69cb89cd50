package org.jvirt.install.tree;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jvirt.install.Progress;

/**
 * A tree on an http or https server (virt-install's _HTTPURLFetcher): HEAD says whether a file is there, GET
 * fetches it, redirects are followed. Errors are worded as virt-install's (python-requests') are.
 */
final class HttpTree implements TreeSource {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Detection asks many small questions; a server that stops answering must not hang the install. */
    private static final Duration SMALL_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** python-requests' reason phrases for the statuses a tree server commonly answers with. */
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(410, "Gone"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final String location;
    private final HttpClient client;

    HttpTree(String location) {
        this.location = location;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public boolean isIso() {
        return false;
    }

    @Override
    public boolean isNetwork() {
        return true;
    }

    @Override
    public boolean canAccess() {
        return hasFile("");
    }

    /** virt-install's os.path.join(location, filename): one slash between, none added for an empty name. */
    String url(String rel) {
        if (rel.isEmpty()) {
            return location;
        }
        return location.endsWith("/") ? location + rel : location + "/" + rel;
    }

    @Override
    public boolean hasFile(String rel) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url(rel)))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(SMALL_REQUEST_TIMEOUT).build();
            int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 400;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Optional<String> text(String rel) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url(rel))).timeout(SMALL_REQUEST_TIMEOUT).build();
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() >= 400) {
                    return Optional.empty();
                }
                byte[] b = in.readNBytes((int) MAX_TEXT_BYTES + 1);
                return b.length > MAX_TEXT_BYTES ? Optional.empty()
                        : Optional.of(new String(b, StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void copy(String rel, Path out, Progress progress) throws IOException {
        String url = url(rel);
        HttpResponse<InputStream> r;
        try {
            r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("Couldn't acquire file " + url + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Couldn't acquire file " + url + ": interrupted", e);
        }
        try (InputStream in = r.body()) {
            int status = r.statusCode();
            if (status >= 400) {
                String kind = status < 500 ? "Client Error" : "Server Error";
                throw new IOException("Couldn't acquire file " + url + ": " + status + " " + kind + ": "
                        + REASONS.getOrDefault(status, "") + " for url: " + r.uri());
            }
            long size = r.headers().firstValueAsLong("content-length").orElse(0);
            progress.start("Retrieving '" + TreeSource.baseName(rel) + "'", size);
            long done = 0;
            byte[] buf = new byte[16384];
            try (OutputStream o = Files.newOutputStream(out)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    o.write(buf, 0, n);
                    done += n;
                    progress.update(done);
                }
            }
            progress.end(done);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return m == null || m.isEmpty() ? "Connection refused" : m;
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
