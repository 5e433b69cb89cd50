package org.jvirt.driver.storage.backend;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StorageVolType;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Exec;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.vol.VolDef;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.flags.StoragePoolBuildFlag;

/**
 * Pools of type disk (storage_backend_disk.c): a whole block device with a partition table that parted writes;
 * each partition is a volume, named as its device node (loop0p1, sdb1). libvirt reads the table with its own
 * helper; here {@code parted -m unit B print free} gives the same partitions and free extents.
 */
public final class DiskBackend implements Backend {

    private static final long MIB = 1 << 20;

    /** A partition or a free extent of the table, in bytes, end inclusive as parted prints it. */
    record Extent(int number, long start, long end, boolean free) {
        long size() {
            return end - start + 1;
        }
    }

    private static String device(PoolDef def) {
        if (def.devices().isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "%s", "missing source device");
        }
        return def.devices().get(0);
    }

    /** The label parted writes for the pool's format: dos (and the default, unknown) is msdos. */
    static String label(PoolDef def) {
        String f = def.sourceFormat();
        return f == null || f.equals("unknown") || f.equals("dos") ? "msdos" : f;
    }

    @Override
    public boolean isActive(PoolDef def) {
        String dev = device(def);
        return Files.exists(Path.of(dev)) && label(def).equals(currentLabel(dev));
    }

    @Override
    public void build(PoolDef def, Set<StoragePoolBuildFlag> flags) {
        DirBackend.checkBuildFlags(flags);
        String dev = device(def);
        if (!Files.exists(Path.of(dev))) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG, "device path '%s' doesn't exist",
                    dev);
        }
        if (!flags.contains(StoragePoolBuildFlag.OVERWRITE)) {
            String found = FsBackend.probe(dev);
            if (found != null) {
                String want = label(def).equals("msdos") ? "dos" : label(def);
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.STORAGE_POOL_BUILT, found.equals(want)
                        ? "Device '%s' already formatted using '%s'"
                        : "Format of device '%s' does not match the expected format '%s', forced overwrite is necessary",
                        dev, want);
            }
        }
        DeviceBlanks.zeroEnds(dev);
        Exec.run(mklabelArgv(def));
    }

    public static List<String> mklabelArgv(PoolDef def) {
        return List.of("parted", device(def), "mklabel", "--script", label(def));
    }

    @Override
    public void start(PoolDef def) {
        String dev = device(def);
        if (!Files.exists(Path.of(dev))) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG, "device path '%s' doesn't exist",
                    dev);
        }
        String found = currentLabel(dev);
        if (found == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "Format of device '%s' does not match the expected format '%s'", dev, label(def));
        }
        if (!found.equals(label(def))) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "Format of device '%s' does not match the expected format '%s'", dev, label(def));
        }
    }

    /** Zeroing the table is what deleting a disk pool means (its partitions go with it). */
    @Override
    public void delete(PoolDef def) {
        DeviceBlanks.zeroEnds(device(def));
    }

    /** The partition table's label parted reads, null when there is none. */
    static String currentLabel(String dev) {
        Exec.Result r = Exec.runAllowingFailure(List.of("parted", "-s", "-m", dev, "unit", "B", "print"));
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith(dev + ":")) {
                String[] f = line.split(":");
                return f.length > 5 && !f[5].equals("unknown") ? f[5] : null;
            }
        }
        return null;
    }

    /** The partitions and free extents of the device, as {@code parted -m unit B print free} lists them. */
    static List<Extent> extents(String dev) {
        String out = Exec.run(List.of("parted", "-s", "-m", dev, "unit", "B", "print", "free"));
        List<Extent> list = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split(":");
            if (f.length < 5 || !f[0].matches("\\d+")) {
                continue;
            }
            boolean free = line.strip().endsWith("free;");
            list.add(new Extent(Integer.parseInt(f[0]), bytes(f[1]), bytes(f[2]), free));
        }
        return list;
    }

    private static long bytes(String s) {
        return Long.parseLong(s.endsWith("B") ? s.substring(0, s.length() - 1) : s);
    }

    /** A partition's device node: the disk's name, "p" when it ends with a digit, and the number. */
    static String partitionPath(String dev, int number) {
        return dev + (Character.isDigit(dev.charAt(dev.length() - 1)) ? "p" : "") + number;
    }

    @Override
    public Refreshed refresh(PoolDef def) {
        String dev = device(def);
        if (!Files.exists(Path.of(dev))) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG, "device path '%s' doesn't exist",
                    dev);
        }
        List<Volume> vols = new ArrayList<>();
        long allocation = 0;
        long available = 0;
        for (Extent e : extents(dev)) {
            if (e.free()) {
                available += e.size();
                continue;
            }
            allocation += e.size();
            String path = partitionPath(dev, e.number());
            String name = Path.of(path).getFileName().toString();
            Volume.Target t = new Volume.Target(path, "none", -1, -1, -1, null, null, 0, null);
            vols.add(new Volume(def.name(), name, path, StorageVolType.BLOCK, e.size(), e.size(), 0, t, null));
        }
        long capacity;
        try (RandomAccessFile f = new RandomAccessFile(dev, "r")) {
            capacity = f.length();
        } catch (IOException e) {
            capacity = allocation + available;
        }
        return new Refreshed(capacity, allocation, available, vols, null);
    }

    @Override
    public String createVol(PoolDef def, VolDef vol) {
        String dev = device(def);
        int next = extents(dev).stream().filter(e -> !e.free()).mapToInt(Extent::number).max().orElse(0) + 1;
        String expected = Path.of(partitionPath(dev, next)).getFileName().toString();
        if (!vol.name().equals(expected)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                    "invalid partition name '%s', expected '%s'", vol.name(), expected);
        }
        return partitionPath(dev, next);
    }

    /**
     * parted mkpart in the smallest free extent that holds the volume (virStorageBackendDiskPartBoundaries),
     * started on a MiB boundary so that parted needs no alignment of its own.
     */
    public static List<String> mkpartArgv(PoolDef def, VolDef vol, List<Extent> extents) {
        long want = Math.max(vol.allocation(), vol.capacityOrZero());
        Extent best = null;
        for (Extent e : extents) {
            long start = (e.start() + MIB - 1) / MIB * MIB;
            if (e.free() && e.end() - start + 1 >= want && (best == null || e.size() < best.size())) {
                best = e;
            }
        }
        if (best == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "%s",
                    "no large enough free extent");
        }
        long start = (best.start() + MIB - 1) / MIB * MIB;
        long end = start + want - 1;
        String type = label(def).equals("msdos") ? "primary ext2" : "primary";
        List<String> argv = new ArrayList<>(List.of("parted", device(def), "mkpart", "--script"));
        argv.addAll(List.of(type.split(" ")));
        argv.add(start + "B");
        argv.add(end + "B");
        return argv;
    }

    @Override
    public void buildVol(PoolDef def, VolDef vol, String path, Volume input, boolean preallocMetadata) {
        if (input != null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                    "cloning into a partition is not supported");
        }
        Exec.run(mkpartArgv(def, vol, extents(device(def))));
    }

    @Override
    public Volume refreshVol(PoolDef def, String name, String path) {
        return refresh(def).volumes().stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** Partitions are read and written as the block devices they are (virStorageBackendVolUploadLocal & co). */
    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public void wipeVol(PoolDef def, Volume vol, org.jvirt.StorageVolWipeAlgorithm alg) {
        org.jvirt.driver.storage.vol.FileVolumes.wipe(vol, alg);
    }

    @Override
    public void deleteVol(PoolDef def, Volume vol) {
        String dev = device(def);
        String name = Path.of(vol.path()).getFileName().toString();
        String base = Path.of(dev).getFileName().toString();
        if (!name.startsWith(base)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                    "Volume path '%s' did not start with parent pool source device name.", name);
        }
        String num = name.substring(base.length());
        if (num.startsWith("p")) {
            num = num.substring(1);
        }
        if (!num.matches("\\d+")) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                    "cannot parse partition number from target '%s'", name);
        }
        Exec.run(List.of("parted", dev, "rm", "--script", num));
    }
}
