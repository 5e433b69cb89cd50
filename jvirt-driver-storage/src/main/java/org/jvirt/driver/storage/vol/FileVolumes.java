package org.jvirt.driver.storage.vol;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Exec;
import org.jvirt.driver.storage.exec.Programs;
import org.jvirt.xml.storage.Permissions;

/**
 * Volumes that are files in a pool's directory (storage_util.c's *Local functions): create raw (sparse or
 * allocated), directories and qemu-img formats; clone; resize; wipe; delete. A create that fails removes what it
 * made.
 */
public final class FileVolumes {

    /** VIR_STORAGE_DEFAULT_VOL_PERM_MODE. */
    private static final int DEFAULT_MODE = 0600;
    private static final int COPY_BLOCK = 1 << 20;

    private FileVolumes() {
    }

    /** virStorageBackendVolCreateLocal's checks: the name stays inside the pool; the file must not exist. */
    public static Path pathFor(Path poolDir, String name) {
        if (name.contains("/")) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "volume name '%s' cannot contain '/'", name);
        }
        if (name.equals("..") || name.equals(".")) {
            // libvirt refuses these because the path exists; the same words, whatever is there
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "volume target path '%s' already exists", poolDir + "/" + name);
        }
        Path p = poolDir.resolve(name);
        if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "volume target path '%s' already exists", p);
        }
        return p;
    }

    /**
     * storageBackendVolBuildLocal: builds {@code vol} at {@code path}, from {@code input} (a volume of this host)
     * when cloning. On failure nothing is left at {@code path}.
     */
    public static void build(VolDef vol, Path path, Volume input, boolean preallocMetadata, Path poolDir) {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "volume target path '%s' already exists", path);
        }
        int plainQcow2Cluster = input == null ? Qcow2Image.plainClusterSize(vol, preallocMetadata) : 0;
        try {
            if (input != null) {
                boolean raw = "raw".equals(vol.format()) && "raw".equals(input.target().format());
                if (raw) {
                    createRaw(vol, path, input, preallocMetadata);
                } else {
                    QemuImg.run(QemuImg.createArgv(vol, path.toString(), input.path(), input.target().format(),
                            preallocMetadata, poolDir));
                    applyPerms(path, vol.perms());
                }
            } else if ("raw".equals(vol.format()) && !vol.encrypted()) {
                createRaw(vol, path, null, preallocMetadata);
            } else if ("dir".equals(vol.format())) {
                if (vol.backingPath() != null) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT,
                            "backing storage not supported for directories volumes");
                }
                Files.createDirectory(path);
                applyPerms(path, vol.perms());
            } else if (plainQcow2Cluster > 0) {
                Qcow2Image.create(path, vol, plainQcow2Cluster, PosixFilePermissions.asFileAttribute(perms(0600)));
                applyPerms(path, vol.perms());
            } else {
                List<String> argv = QemuImg.createArgv(vol, path.toString(), null, null, preallocMetadata, poolDir);
                QemuImg.run(argv);
                applyPerms(path, vol.perms());
            }
        } catch (IOException | RuntimeException e) {
            removeQuietly(path);
            if (e instanceof VirtException v) {
                throw v;
            }
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "Failed to create file '%s': %s",
                    path, e.getMessage());
        }
    }

    /** storageBackendCreateRaw + createRawFile: O_EXCL, mode, size, allocation, or a sparse-aware copy. */
    private static void createRaw(VolDef vol, Path path, Volume input, boolean preallocMetadata) throws IOException {
        if (preallocMetadata) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED,
                    "metadata preallocation is not supported for raw volumes");
        }
        if (vol.backingPath() != null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT,
                    "backing storage not supported for raw volumes");
        }
        int mode = vol.perms().mode() != -1 ? vol.perms().mode() : DEFAULT_MODE;
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(perms(mode)));
        } catch (FileAlreadyExistsException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR,
                    "Failed to create file '%s': File exists", path);
        }
        Files.setPosixFilePermissions(path, perms(mode)); // the umask must not narrow it
        chown(path, vol.perms());
        long capacity = vol.capacityOrZero();
        boolean needAlloc = input == null || vol.allocation() >= input.capacity();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            long pos = 0;
            if (input != null) {
                pos = copy(Path.of(input.path()), input.capacity(), ch, !needAlloc);
            }
            if (capacity > ch.size()) {
                try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
                    f.setLength(capacity);
                }
            }
            if (needAlloc && vol.allocation() > pos) {
                allocate(path, ch, pos, vol.allocation() - pos);
            }
            ch.force(true);
        }
    }

    /** Copies {@code size} bytes of {@code from}; with {@code sparse}, zero blocks become holes. */
    private static long copy(Path from, long size, FileChannel to, boolean sparse) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            List<NativeFiles.Extent> extents = NativeFiles.dataExtents(from, size)
                    .orElse(List.of(new NativeFiles.Extent(0, size)));
            ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BLOCK);
            for (NativeFiles.Extent e : sparse ? extents : List.of(new NativeFiles.Extent(0, size))) {
                long pos = e.start();
                while (pos < e.end()) {
                    buf.clear().limit((int) Math.min(COPY_BLOCK, e.end() - pos));
                    int n = in.read(buf, pos);
                    if (n <= 0) {
                        return pos;
                    }
                    buf.flip();
                    if (sparse && allZero(buf)) {
                        pos += n;
                        continue;
                    }
                    while (buf.hasRemaining()) {
                        to.write(buf, pos + buf.position());
                    }
                    pos += n;
                }
            }
            return size;
        }
    }

    static boolean allZero(ByteBuffer b) {
        int p = b.position();
        int lim = b.limit();
        int i = p;
        for (; i + 8 <= lim; i += 8) {
            if (b.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < lim; i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** fallocate where the host has it (util-linux's fallocate), else zeros written, as libvirt falls back. */
    private static void allocate(Path path, FileChannel ch, long offset, long length) throws IOException {
        if (Programs.find("fallocate").isPresent()) {
            Exec.Result r = Exec.runAllowingFailure(List.of("fallocate", "-o", Long.toString(offset), "-l",
                    Long.toString(length), path.toString()));
            if (r.ok()) {
                return;
            }
        }
        ByteBuffer zeros = ByteBuffer.allocateDirect(COPY_BLOCK);
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            zeros.clear().limit((int) Math.min(COPY_BLOCK, end - pos));
            pos += ch.write(zeros, pos);
        }
    }

    /** virStorageBackendVolDeleteLocal: a file or an empty directory; one already gone is no error. */
    public static void delete(Volume v) {
        Path p = Path.of(v.path());
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR,
                    Files.isDirectory(p) ? "cannot remove directory '%s': %s" : "cannot unlink file '%s': %s", p,
                    e.getMessage());
        }
    }

    /** virStorageBackendVolResizeLocal: raw files grow or shrink in place (allocating on request); others qemu-img. */
    public static void resize(Volume v, long capacity, boolean allocate) {
        String format = v.target().format();
        if ("raw".equals(format)) {
            Path p = Path.of(v.path());
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                long old = f.length();
                f.setLength(capacity);
                if (allocate && capacity > old) {
                    allocate(p, f.getChannel(), old, capacity - old);
                }
            } catch (IOException e) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR,
                        "Failed to truncate file '%s': %s", p, e.getMessage());
            }
            return;
        }
        if (allocate) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_UNSUPPORTED,
                    "preallocate is only supported for raw type volume");
        }
        QemuImg.run(QemuImg.resizeArgv(v.path(), capacity, v.capacity()));
    }

    /** storageBackendVolWipeLocalFile: zero natively (a sparse file is truncated and re-extended), else scrub. */
    public static void wipe(Volume v, StorageVolWipeAlgorithm alg) {
        Path p = Path.of(v.path());
        if (alg == StorageVolWipeAlgorithm.TRIM) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "'trim' algorithm not supported");
        }
        if (alg != StorageVolWipeAlgorithm.ZERO) {
            if (Programs.find("scrub").isEmpty()) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                        "Cannot find '%s' in path: No such file or directory", "scrub");
            }
            Exec.run(List.of("scrub", "-f", "-p", alg.name().toLowerCase(Locale.ROOT), p.toString()));
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            long size = f.length();
            long blocks = NativeFiles.allocated(p);
            if (Files.isRegularFile(p) && blocks >= 0 && blocks < size) {
                f.setLength(0);
                f.setLength(size);
                return;
            }
            ByteBuffer zeros = ByteBuffer.allocateDirect(COPY_BLOCK);
            FileChannel ch = f.getChannel();
            long len = Files.isRegularFile(p) ? size : v.allocation();
            long pos = 0;
            while (pos < len) {
                zeros.clear().limit((int) Math.min(COPY_BLOCK, len - pos));
                pos += ch.write(zeros, pos);
            }
            ch.force(false);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR,
                    "Failed to wipe storage volume with path '%s': %s", p, e.getMessage());
        }
    }

    /** chmod/chown as a volume's XML asks (virStorageBackendCreateExecCommand): mode 0600 unless given. */
    static void applyPerms(Path p, Permissions perms) throws IOException {
        Files.setPosixFilePermissions(p, perms(perms.mode() != -1 ? perms.mode() : DEFAULT_MODE));
        chown(p, perms);
    }

    static void chown(Path p, Permissions perms) throws IOException {
        if (perms.owner() != -1) {
            Files.setAttribute(p, "unix:uid", (int) perms.owner());
        }
        if (perms.group() != -1) {
            Files.setAttribute(p, "unix:gid", (int) perms.group());
        }
    }

    /** A mode's rwx bits as Java's permission set (set-id and sticky bits aside). */
    public static Set<PosixFilePermission> perms(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            s.append((mode & (1 << i)) != 0 ? rwx.charAt((8 - i) % 3) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    private static void removeQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more can be done; the error being reported matters more
        }
    }
}
