package org.jvirt.driver.host.iface;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.io.AtomicFiles;

/**
 * The persisted interface definitions ({@code configDir/interfaces/NAME.xml}, netcf's ifcfg files) and the open
 * change transaction ({@code stateDir/interfaces/transaction/}: a copy of every definition at begin plus the list
 * of the interfaces then running, netcf's /var/lib/netcf snapshot). Both survive a restart of the process, as
 * netcf's do. Every file is written atomically.
 */
final class IfaceStore {

    private static final String SUFFIX = ".xml";
    private static final String RUNNING = "running";

    /** A transaction's snapshot: the definitions (name to XML) and the names running at begin. */
    record Snapshot(Map<String, String> definitions, Set<String> running) {
    }

    private final Path dir;
    private final Path txDir;

    IfaceStore(Path configDir, Path stateDir) {
        this.dir = configDir.resolve("interfaces");
        this.txDir = stateDir.resolve("interfaces").resolve("transaction");
    }

    private static VirtException ioError(String what, Path p, IOException e) {
        return VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.SYSTEM_ERROR, "cannot %s '%s': %s", what, p,
                e.getMessage());
    }

    /** Every persisted definition, name to XML. */
    Map<String, String> load() {
        return read(dir);
    }

    private static Map<String, String> read(Path from) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(from)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(from, "*" + SUFFIX)) {
            for (Path p : s) {
                String f = p.getFileName().toString();
                out.put(f.substring(0, f.length() - SUFFIX.length()), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw ioError("read directory", from, e);
        }
        return out;
    }

    void save(String name, String xml) {
        IfaceSpec.checkName(name);
        AtomicFiles.writePrivate(dir.resolve(name + SUFFIX), xml.getBytes(StandardCharsets.UTF_8), ErrorDomain.INTERFACE);
    }

    void delete(String name) {
        IfaceSpec.checkName(name);
        AtomicFiles.delete(dir.resolve(name + SUFFIX), ErrorDomain.INTERFACE);
    }

    Optional<Snapshot> transaction() {
        if (!Files.isDirectory(txDir)) {
            return Optional.empty();
        }
        Set<String> running = new TreeSet<>();
        try {
            Path r = txDir.resolve(RUNNING);
            if (Files.exists(r)) {
                Files.readAllLines(r, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(running::add);
            }
        } catch (IOException e) {
            throw ioError("read file", txDir.resolve(RUNNING), e);
        }
        return Optional.of(new Snapshot(read(txDir), running));
    }

    /** Writes the snapshot; the running list last, so a directory with it is a complete snapshot. */
    void beginTransaction(Map<String, String> definitions, Set<String> running) {
        AtomicFiles.ensurePrivateDir(txDir, ErrorDomain.INTERFACE);
        definitions.forEach((n, x) -> AtomicFiles.writePrivate(txDir.resolve(n + SUFFIX),
                x.getBytes(StandardCharsets.UTF_8), ErrorDomain.INTERFACE));
        AtomicFiles.writePrivate(txDir.resolve(RUNNING), String.join("\n", running).getBytes(StandardCharsets.UTF_8),
                ErrorDomain.INTERFACE);
    }

    void endTransaction() {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(txDir)) {
            for (Path p : s) {
                Files.delete(p);
            }
            Files.delete(txDir);
        } catch (IOException e) {
            throw ioError("remove directory", txDir, e);
        }
    }
}
