package org.jvirt.driver.qemu.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.xml.snapshot.DomainSnapshotXml;

/**
 * Snapshot metadata of one domain: {@code snapshot/DOMAIN/NAME.xml} per snapshot (the full snapshot XML with the
 * domain definition it was taken from) and {@code snapshot/DOMAIN/current} naming the current one. The images
 * hold the data (internal qcow2 snapshots); these files hold what libvirt's API tells about them.
 */
final class SnapshotMeta {

    private final Path dir;

    SnapshotMeta(Path stateDir, String domain) {
        this.dir = stateDir.resolve("snapshot").resolve(domain);
    }

    List<DomainSnapshotXml> all() {
        List<DomainSnapshotXml> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".xml")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                out.add(DomainSnapshotXml.parse(Files.readString(p)));
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot read snapshots in '%s': %s",
                    dir, e.getMessage());
        }
        out.sort(java.util.Comparator.comparing(x -> x.creationTime() == null ? 0L : x.creationTime()));
        return out;
    }

    DomainSnapshotXml get(String name) {
        for (DomainSnapshotXml s : all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw VirtException.of(ErrorDomain.DOMAIN_SNAPSHOT, ErrorNumber.NO_DOMAIN_SNAPSHOT,
                "no domain snapshot with matching name '%s'", name);
    }

    boolean exists(String name) {
        return Files.exists(dir.resolve(name + ".xml"));
    }

    void write(DomainSnapshotXml s) {
        AtomicFiles.write(dir.resolve(s.name() + ".xml"), s.toXml());
    }

    void delete(String name) {
        AtomicFiles.delete(dir.resolve(name + ".xml"));
        if (name.equals(current())) {
            AtomicFiles.delete(dir.resolve("current"));
        }
    }

    String current() {
        try {
            Path p = dir.resolve("current");
            return Files.exists(p) ? Files.readString(p).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    void current(String name) {
        if (name == null) {
            AtomicFiles.delete(dir.resolve("current"));
        } else {
            AtomicFiles.write(dir.resolve("current"), name + "\n");
        }
    }

    /** Removes everything (undefine with snapshot metadata). */
    void deleteAll() {
        AtomicFiles.deleteTree(dir);
    }
}
