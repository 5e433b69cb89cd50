package org.jvirt.install.tree;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.install.Progress;

/** A tree in a local directory (virt-install's _LocalURLFetcher); no path leaves the directory. */
final class DirTree implements TreeSource {
    private final Path root;

    DirTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public boolean isIso() {
        return false;
    }

    @Override
    public boolean isNetwork() {
        return false;
    }

    @Override
    public boolean hasFile(String rel) {
        Path p = resolve(rel);
        return p != null && Files.exists(p);
    }

    @Override
    public Optional<String> text(String rel) {
        Path p = resolve(rel);
        try {
            if (p == null || !Files.isRegularFile(p) || Files.size(p) > MAX_TEXT_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void copy(String rel, Path out, Progress progress) throws IOException {
        Path p = resolve(rel);
        if (p == null || !Files.isRegularFile(p)) {
            throw new IOException("Couldn't acquire file " + root.resolve(rel.replaceAll("^/+", ""))
                    + ": No such file or directory");
        }
        long size = Files.size(p);
        progress.start("Retrieving '" + TreeSource.baseName(rel) + "'", size);
        try (InputStream in = Files.newInputStream(p); OutputStream o = Files.newOutputStream(out)) {
            in.transferTo(o);
        }
        progress.end(size);
    }

    /** The file inside the tree, or null when {@code rel} would leave it. */
    private Path resolve(String rel) {
        Path p = root.resolve(rel.replaceAll("^/+", "")).normalize();
        return p.startsWith(root) ? p : null;
    }
}
