package org.jvirt.driver.storage.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Exec;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.pool.PoolType;
import org.jvirt.flags.StoragePoolBuildFlag;

/**
 * Pools of type fs and netfs (storage_backend_fs.c): a directory pool on a file system that start mounts (a block
 * device with the XML's format, or an NFS/CIFS/gluster export) and destroy unmounts; build of an fs pool runs
 * mkfs when asked to (over an existing file system only with OVERWRITE).
 */
public final class FsBackend extends DirBackend {

    /** default_mount_opts on Linux. */
    private static final String DEFAULT_MOUNT_OPTS = "nodev,nosuid,noexec";

    @Override
    public boolean isActive(PoolDef def) {
        valid(def);
        return mounted(def);
    }

    @Override
    public void build(PoolDef def, Set<StoragePoolBuildFlag> flags) {
        checkBuildFlags(flags);
        valid(def);
        buildDir(def);
        if (def.type() == PoolType.FS && !flags.isEmpty()) {
            makeFileSystem(def, flags.contains(StoragePoolBuildFlag.OVERWRITE));
        }
    }

    @Override
    public void start(PoolDef def) {
        valid(def);
        if (!mounted(def)) {
            Exec.run(mountArgv(def));
        }
    }

    @Override
    public void stop(PoolDef def) {
        valid(def);
        if (mounted(def)) {
            Exec.run(List.of("umount", def.targetPath()));
        }
    }

    /** virStorageBackendFileSystemIsValid. */
    static void valid(PoolDef def) {
        if (def.type() == PoolType.NETFS) {
            if (def.hosts().size() != 1) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED, "%s",
                        "expected exactly 1 host for the storage pool");
            }
            if (def.sourceDir() == null) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "%s", "missing source path");
            }
        } else if (def.devices().size() != 1) {
            if (def.devices().isEmpty()) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "%s",
                        "missing source device");
            }
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED, "%s",
                    "expected exactly 1 device for the storage pool");
        }
    }

    /** virStorageBackendFileSystemGetPoolSource: the device, host:/dir, or //host/dir for CIFS. */
    static String source(PoolDef def) {
        if (def.type() == PoolType.NETFS) {
            String host = def.hosts().get(0).getKey();
            return "cifs".equals(def.sourceFormat()) ? "//" + host + "/" + def.sourceDir()
                    : host + ":" + def.sourceDir();
        }
        return def.devices().get(0);
    }

    /** virStorageBackendFileSystemMountCmd's argv. */
    public static List<String> mountArgv(PoolDef def) {
        List<String> argv = new ArrayList<>(List.of("mount"));
        String fmt = def.sourceFormat();
        boolean netfs = def.type() == PoolType.NETFS;
        String opts = DEFAULT_MOUNT_OPTS;
        if (netfs && "glusterfs".equals(fmt)) {
            opts += ",direct-io-mode=1";
        } else if (netfs && "cifs".equals(fmt)) {
            opts += ",guest";
        }
        argv.addAll(List.of("-o", opts));
        if (!(netfs && "auto".equals(fmt))) {
            argv.addAll(List.of("-t", fmt)); // 'mount -t auto' does not find nfs; plain mount does
        }
        argv.add(source(def));
        argv.add(def.targetPath());
        return argv;
    }

    /** The mkfs argv (virStorageBackendExecuteMKFS): the force flag each mkfs wants. */
    public static List<String> mkfsArgv(String format, String device) {
        List<String> argv = new ArrayList<>(List.of("mkfs", "-t", format));
        switch (format) {
            case "xfs" -> argv.add("-f");
            case "ext2", "ext3", "ext4" -> argv.add("-F");
            case "vfat" -> argv.add("-I");
            default -> {
            }
        }
        argv.add(device);
        return argv;
    }

    private static void makeFileSystem(PoolDef def, boolean overwrite) {
        String device = def.devices().get(0);
        String format = def.sourceFormat();
        if (!Files.exists(Path.of(device))) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "Source device does not exist when formatting pool '%s'", def.name());
        }
        if (!overwrite) {
            String found = probe(device);
            if (found != null) {
                if (found.equals(format)) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.STORAGE_POOL_BUILT,
                            "Device '%s' already formatted using '%s'", device, format);
                }
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.STORAGE_POOL_BUILT,
                        "Format of device '%s' does not match the expected format '%s', forced overwrite is necessary",
                        device, format);
            }
        }
        Exec.run(mkfsArgv(format, device));
    }

    /** The file system (or partition table) blkid finds on a device, null when it is empty. */
    static String probe(String device) {
        Exec.Result r = Exec.runAllowingFailure(List.of("blkid", "-p", "-o", "value", "-s", "TYPE", device));
        if (r.ok() && !r.stdout().isBlank()) {
            return r.stdout().strip();
        }
        Exec.Result pt = Exec.runAllowingFailure(List.of("blkid", "-p", "-o", "value", "-s", "PTTYPE", device));
        return pt.ok() && !pt.stdout().isBlank() ? pt.stdout().strip() : null;
    }

    /** Whether /proc/mounts has the pool's source on its target. */
    static boolean mounted(PoolDef def) {
        String src = source(def);
        Path target = def.target();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length >= 2 && samePath(unescape(f[1]), target) && sameSource(unescape(f[0]), src)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "cannot read mount list '%s'",
                    "/proc/mounts");
        }
    }

    private static boolean samePath(String a, Path b) {
        try {
            return Path.of(a).toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return Path.of(a).equals(b);
        }
    }

    private static boolean sameSource(String mounted, String src) {
        if (mounted.equals(src)) {
            return true;
        }
        return src.startsWith("/") && samePath(mounted, Path.of(src));
    }

    /** /proc/mounts writes spaces and the like as octal escapes. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * virStorageBackendFileSystemNetFindPoolSources for NFS: the exports {@code showmount} lists for the host the
     * source spec names.
     */
    @Override
    public String findSources(String srcSpec) {
        String host = NetfsSources.host(srcSpec);
        Exec.Result r = Exec.runAllowingFailure(showmountArgv(host));
        if (!r.ok()) {
            throw Exec.failure(showmountArgv(host), r);
        }
        return NetfsSources.format(host, NetfsSources.exports(r.stdout()));
    }

    public static List<String> showmountArgv(String host) {
        return List.of("showmount", "--no-headers", "--exports", host);
    }
}
