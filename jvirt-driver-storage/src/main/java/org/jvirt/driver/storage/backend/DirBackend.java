package org.jvirt.driver.storage.backend;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.vol.FileVolumes;
import org.jvirt.driver.storage.vol.ImageProbe;
import org.jvirt.driver.storage.vol.VolDef;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.xml.storage.Permissions;

/**
 * Pools of type dir (storage_backend_fs.c's virStorageBackendDirectory): a directory whose files are the
 * volumes. Also the file half of fs and netfs, which add a mount.
 */
public class DirBackend implements Backend {

    /** VIR_STORAGE_DEFAULT_POOL_PERM_MODE. */
    private static final int DEFAULT_POOL_MODE = 0711;

    @Override
    public boolean isActive(PoolDef def) {
        return Files.isDirectory(def.target());
    }

    /** virStorageBackendFileSystemBuild for a dir pool: the directory, with the XML's mode, owner and group. */
    @Override
    public void build(PoolDef def, Set<StoragePoolBuildFlag> flags) {
        checkBuildFlags(flags);
        buildDir(def);
    }

    static void checkBuildFlags(Set<StoragePoolBuildFlag> flags) {
        for (StoragePoolBuildFlag f : flags) {
            if (f != StoragePoolBuildFlag.OVERWRITE && f != StoragePoolBuildFlag.NO_OVERWRITE) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "unsupported flags (0x%x) in function virStorageBackendFileSystemBuild", f.bit());
            }
        }
        if (flags.contains(StoragePoolBuildFlag.OVERWRITE) && flags.contains(StoragePoolBuildFlag.NO_OVERWRITE)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                    "Flags '%s' and '%s' are mutually exclusive", "VIR_STORAGE_POOL_BUILD_OVERWRITE",
                    "VIR_STORAGE_POOL_BUILD_NO_OVERWRITE");
        }
    }

    /** virStorageBackendBuildLocal: parents with default modes, then the directory itself (it may exist). */
    static void buildDir(PoolDef def) {
        Path target = def.target();
        if (!target.isAbsolute()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG, "path '%s' is not absolute",
                    target);
        }
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "cannot create path '%s': %s",
                    target.getParent(), e.getMessage());
        }
        Permissions perms = def.perms();
        int mode = perms.mode();
        boolean existed = Files.isDirectory(target);
        if (mode == -1 && !existed) {
            mode = DEFAULT_POOL_MODE;
        }
        try {
            if (!existed) {
                Files.createDirectory(target);
            }
            if (mode != -1) {
                Files.setPosixFilePermissions(target, FileVolumes.perms(mode));
            }
            if (perms.owner() != -1) {
                Files.setAttribute(target, "unix:uid", (int) perms.owner());
            }
            if (perms.group() != -1) {
                Files.setAttribute(target, "unix:gid", (int) perms.group());
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR,
                    "cannot create directory '%s': %s", target, e.getMessage());
        }
    }

    /** virStorageBackendDeleteLocal: rmdir, which fails on a directory that still has volumes. */
    @Override
    public void delete(PoolDef def) {
        try {
            Files.delete(def.target());
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "failed to remove pool '%s': %s",
                    def.targetPath(), reason(e));
        }
    }

    static String reason(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "No such file or directory";
            case java.nio.file.DirectoryNotEmptyException x -> "Directory not empty";
            case java.nio.file.AccessDeniedException x -> "Permission denied";
            default -> e.getMessage();
        };
    }

    /** virStorageBackendRefreshLocal: every entry of the directory is a volume; sizes from statvfs. */
    @Override
    public Refreshed refresh(PoolDef def) {
        Path dir = def.target();
        if (!Files.isDirectory(dir)) {
            // raised by libvirt's virDirOpen in util: no error domain
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.SYSTEM_ERROR,
                    "cannot open directory '%s': No such file or directory", dir);
        }
        List<Volume> vols = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.chars().anyMatch(c -> c < 0x20)) {
                    continue; // libvirt skips names with control characters
                }
                if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                    continue; // a dangling link is no volume
                }
                Volume v = ImageProbe.probe(def.name(), name, p);
                if (v != null) {
                    vols.add(v);
                }
            }
            vols.sort((a, b) -> a.name().compareTo(b.name()));
            FileStore fs = Files.getFileStore(dir);
            // libvirt counts f_bfree as available (blocks reserved for root included)
            long capacity = fs.getTotalSpace();
            long available = fs.getUnallocatedSpace();
            long allocation = capacity - available;
            Map<String, Object> st = Files.readAttributes(dir, "unix:mode,uid,gid");
            Permissions perms = new Permissions((int) st.get("mode") & 0777, ((Number) st.get("uid")).longValue(),
                    ((Number) st.get("gid")).longValue(), def.perms().label());
            return new Refreshed(capacity, allocation, available, vols, perms);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "cannot open directory '%s': %s",
                    dir, reason(e));
        }
    }

    @Override
    public String createVol(PoolDef def, VolDef vol) {
        return FileVolumes.pathFor(def.target(), vol.name()).toString();
    }

    @Override
    public void buildVol(PoolDef def, VolDef vol, String path, Volume input, boolean preallocMetadata) {
        FileVolumes.build(vol, Path.of(path), input, preallocMetadata, def.target());
    }

    @Override
    public Volume refreshVol(PoolDef def, String name, String path) {
        try {
            return ImageProbe.probe(def.name(), name, Path.of(path));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void deleteVol(PoolDef def, Volume vol) {
        FileVolumes.delete(vol);
    }

    @Override
    public void resizeVol(PoolDef def, Volume vol, long capacity, boolean allocate) {
        FileVolumes.resize(vol, capacity, allocate);
    }

    @Override
    public void wipeVol(PoolDef def, Volume vol, StorageVolWipeAlgorithm alg) {
        FileVolumes.wipe(vol, alg);
    }

    @Override
    public boolean streams() {
        return true;
    }

    /** Whether {@code p} exists without following a final link. */
    static boolean present(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    static String modeString(int mode) {
        return PosixFilePermissions.toString(FileVolumes.perms(mode));
    }
}
