package org.jvirt.driver.storage.pool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * A scope's pool files, as libvirt keeps them: {@code configDir/storage/NAME.xml} (persistent definitions),
 * {@code configDir/storage/autostart/NAME.xml} (a link to the config: the pool autostarts), and
 * {@code runDir/storage/NAME.xml} (the live definition of a running pool). Every write is atomic: a temporary
 * file, fsync, rename.
 */
public final class PoolFiles {

    private final Path configDir;
    private final Path autostartDir;
    private final Path statusDir;

    public PoolFiles(Path configDir, Path runDir) {
        this.configDir = configDir;
        this.autostartDir = configDir.resolve("autostart");
        this.statusDir = runDir;
    }

    public Path configDir() {
        return configDir;
    }

    public Path configFile(String name) {
        return configDir.resolve(name + ".xml");
    }

    public Path autostartLink(String name) {
        return autostartDir.resolve(name + ".xml");
    }

    public Path statusFile(String name) {
        return statusDir.resolve(name + ".xml");
    }

    public void saveConfig(PoolDef def) {
        writeAtomically(configFile(def.name()), withComment(def), "cannot create config directory %s");
    }

    public void saveStatus(PoolDef def) {
        writeAtomically(statusFile(def.name()), def.format(0, 0, 0), "cannot create directory %s");
    }

    public void deleteConfig(String name) {
        try {
            Files.deleteIfExists(configFile(name));
            Files.deleteIfExists(autostartLink(name));
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "cannot remove config for %s",
                    name);
        }
    }

    public void deleteStatus(String name) {
        try {
            Files.deleteIfExists(statusFile(name));
        } catch (IOException ignored) {
            // a stale status file is ignored at the next load when the pool's target is gone
        }
    }

    public boolean autostart(String name) {
        return Files.isSymbolicLink(autostartLink(name)) || Files.exists(autostartLink(name));
    }

    public void setAutostart(String name, boolean on) {
        Path link = autostartLink(name);
        try {
            if (on) {
                Files.createDirectories(autostartDir);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, configFile(name));
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR,
                    on ? "Failed to create symlink '%s' to '%s'" : "Failed to delete symlink '%s'", link,
                    configFile(name));
        }
    }

    public List<Path> configs() {
        return xmlFiles(configDir);
    }

    public List<Path> statuses() {
        return xmlFiles(statusDir);
    }

    private static List<Path> xmlFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    public static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** virStoragePoolSaveXML's warning comment, so that nobody edits the file by hand. */
    private static String withComment(PoolDef def) {
        return "<!--\nWARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                + "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
                + "  virsh pool-edit " + def.name() + "\n"
                + "or other application using the libvirt API.\n-->\n\n" + def.format(0, 0, 0);
    }

    static void writeAtomically(Path file, String text, String dirError) {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, dirError, dir);
        }
        Path tmp = dir.resolve("." + file.getFileName() + ".new");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write error below is what matters
            }
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "cannot write file '%s': %s",
                    file, e.getMessage());
        }
    }
}
