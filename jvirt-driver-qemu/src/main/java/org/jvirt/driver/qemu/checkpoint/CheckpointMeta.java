package org.jvirt.driver.qemu.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.xml.checkpoint.DomainCheckpointXml;

/**
 * Checkpoint metadata of one domain: {@code checkpoint/DOMAIN/NAME.xml} per checkpoint (its whole XML with the
 * definition it was taken with) and {@code checkpoint/DOMAIN/current} naming the current one. Names are checked
 * against libvirt's checkpoint name pattern before they get here, so none can leave the directory.
 */
final class CheckpointMeta {

    private final Path dir;

    CheckpointMeta(Path stateDir, String domain) {
        this.dir = stateDir.resolve("checkpoint").resolve(domain);
    }

    /** Every checkpoint, oldest first. */
    List<DomainCheckpointXml> all() {
        List<DomainCheckpointXml> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".xml")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                out.add(DomainCheckpointXml.parse(Files.readString(p)));
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "cannot read checkpoints in '%s': %s", dir, e.getMessage());
        }
        out.sort(Comparator.comparing((DomainCheckpointXml x) -> x.creationTime() == null ? 0L : x.creationTime())
                .thenComparing(x -> x.name()));
        return out;
    }

    /** The checkpoint, or libvirt's "no domain checkpoint" error. */
    DomainCheckpointXml get(String name) {
        Path p = dir.resolve(name + ".xml");
        if (!Checkpoints.NAME.matcher(name).matches() || !Files.exists(p)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN_CHECKPOINT,
                    "no domain checkpoint with matching name '%s'", name);
        }
        try {
            return DomainCheckpointXml.parse(Files.readString(p));
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot read checkpoint '%s': %s",
                    name, e.getMessage());
        }
    }

    boolean exists(String name) {
        return Checkpoints.NAME.matcher(name).matches() && Files.exists(dir.resolve(name + ".xml"));
    }

    void write(DomainCheckpointXml c) {
        AtomicFiles.write(dir.resolve(c.name() + ".xml"), c.toXml());
    }

    void delete(String name) {
        AtomicFiles.delete(dir.resolve(name + ".xml"));
        if (name.equals(current())) {
            current(null);
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

    /** Removes everything (undefine with checkpoint metadata). */
    void deleteAll() {
        AtomicFiles.deleteTree(dir);
    }
}
