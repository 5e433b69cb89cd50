package org.jvirt.install.tree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.install.Progress;
import org.jvirt.install.media.Iso9660;

/** A tree inside an ISO image (virt-install's _ISOURLFetcher), read with our own ISO 9660 reader. */
final class IsoTree implements TreeSource {
    private final Path iso;

    IsoTree(Path iso) {
        this.iso = iso;
    }

    @Override
    public String location() {
        return iso.toString();
    }

    @Override
    public boolean isIso() {
        return true;
    }

    @Override
    public boolean isNetwork() {
        return false;
    }

    @Override
    public boolean hasFile(String rel) {
        try (Iso9660 r = Iso9660.open(iso)) {
            return r.find(rel).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> text(String rel) {
        try (Iso9660 r = Iso9660.open(iso)) {
            Optional<Iso9660.Entry> e = r.find(rel).filter(x -> !x.directory());
            if (e.isEmpty() || e.get().length() > MAX_TEXT_BYTES) {
                return Optional.empty();
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            r.copy(e.get(), b);
            return Optional.of(b.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void copy(String rel, Path out, Progress progress) throws IOException {
        try (Iso9660 r = Iso9660.open(iso)) {
            Iso9660.Entry e = r.find(rel).filter(x -> !x.directory())
                    .orElseThrow(() -> new IOException("iso doesn't have file=/" + rel.replaceAll("^/+", "")));
            progress.start("Retrieving '" + TreeSource.baseName(rel) + "'", e.length());
            try (OutputStream o = Files.newOutputStream(out)) {
                r.copy(e, o);
            }
            progress.end(e.length());
        }
    }
}
