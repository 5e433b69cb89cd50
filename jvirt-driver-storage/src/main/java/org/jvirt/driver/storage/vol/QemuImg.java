package org.jvirt.driver.storage.vol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Exec;
import org.jvirt.driver.storage.exec.Programs;

/**
 * qemu-img as libvirt's storage_util.c runs it: the argument lists of {@code create}, {@code convert} and
 * {@code resize} (virStorageBackendCreateQemuImgCmdFromVol, storageBackendResizeQemuImg) built here and nowhere
 * else, with libvirt's checks and errors; and {@code info --output=json} read.
 */
public final class QemuImg {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QemuImg() {
    }

    /** What info reports about an image. */
    public record Info(String format, long virtualSize, long actualSize, String backingFilename,
                       String backingFormat, Long clusterSize, String compat, boolean lazyRefcounts) {
    }

    /**
     * The argv that creates {@code vol} at {@code path} (from {@code input} when cloning, a file of format
     * {@code inputFormat}). {@code preallocMetadata} is VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA.
     */
    public static List<String> createArgv(VolDef vol, String path, String inputPath, String inputFormat,
                                          boolean preallocMetadata, Path poolDir) {
        String format = "iso".equals(vol.format()) ? "raw" : vol.format();
        boolean qcow2 = "qcow2".equals(format);
        if (preallocMetadata && !qcow2) {
            throw config("metadata preallocation only available with qcow2");
        }
        if (vol.compat() != null && !qcow2) {
            throw config("compatibility option only available with qcow2");
        }
        if (vol.features() != null && !qcow2) {
            throw config("format features only available with qcow2");
        }
        if (vol.encrypted()) {
            throw config("creation of encrypted images needs a secret, which this host does not have yet");
        }
        String backing = vol.backingPath();
        if (backing != null) {
            if ("raw".equals(format)) {
                throw config("cannot set backing store for raw volume");
            }
            if (preallocMetadata) {
                throw config("metadata preallocation conflicts with backing store");
            }
            Path abs = backing.startsWith("/") ? Path.of(backing) : poolDir.resolve(backing);
            if (!java.nio.file.Files.isReadable(abs)) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR,
                        "inaccessible backing store volume %s: No such file or directory", backing);
            }
        }
        long sizeK = (vol.capacityOrZero() + 1023) / 1024;
        long allocK = (vol.allocation() + 1023) / 1024;
        List<String> argv = new ArrayList<>();
        argv.add("qemu-img");
        if (inputPath != null) {
            backing = null; // converting ignores the backing volume
            argv.addAll(List.of("convert", "-f", "iso".equals(inputFormat) ? "raw" : inputFormat, "-O", format));
        } else {
            argv.addAll(List.of("create", "-f", format));
        }
        if (backing != null) {
            argv.addAll(List.of("-b", backing));
        }
        StringBuilder o = new StringBuilder();
        if (backing != null) {
            o.append("backing_fmt=").append(vol.backingFormat()).append(',');
        }
        if (preallocMetadata) {
            o.append(sizeK > allocK ? "preallocation=metadata," : "preallocation=falloc,");
        }
        if (vol.nocow()) {
            o.append("nocow=on,");
        }
        if (vol.compat() != null) {
            o.append("compat=").append(vol.compat()).append(',');
        } else if (qcow2) {
            o.append("compat=0.10,");
        }
        if (vol.clusterSize() > 0) {
            o.append("cluster_size=").append(vol.clusterSize()).append(',');
        }
        if (vol.features() != null && qcow2) {
            if (vol.features().contains("lazy_refcounts")) {
                if ("0.10".equals(vol.compat())) {
                    throw config("lazy_refcounts not supported with compat level " + vol.compat());
                }
                o.append("lazy_refcounts,");
            }
            if (vol.features().contains("extended_l2")) {
                if ("0.10".equals(vol.compat())) {
                    throw config("'extended_l2' not supported with compat level " + vol.compat());
                }
                o.append("extended_l2=on,");
            }
        }
        if (!o.isEmpty()) {
            o.setLength(o.length() - 1);
            argv.addAll(List.of("-o", o.toString()));
        }
        if (inputPath != null) {
            argv.add(inputPath);
        }
        argv.add(path);
        if (inputPath == null && (sizeK > 0 || backing == null)) {
            argv.add(sizeK + "K");
        }
        return argv;
    }

    /** storageBackendResizeQemuImg's argv: capacity rounded up to 512, --shrink when it gets smaller. */
    public static List<String> resizeArgv(String path, long capacity, long current) {
        long cap = (capacity + 511) / 512 * 512;
        List<String> argv = new ArrayList<>(List.of("qemu-img", "resize"));
        if (cap < current) {
            argv.add("--shrink");
        }
        argv.add(path);
        argv.add(Long.toString(cap));
        return argv;
    }

    /** Runs qemu-img, or libvirt's error when it is not installed. */
    public static void run(List<String> argv) {
        if (Programs.find("qemu-img").isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                    "creation of non-raw file images is not supported without qemu-img.");
        }
        Exec.run(argv);
    }

    /** {@code qemu-img info --output=json} of {@code path}, read as {@code format} (null: probed). */
    public static Info info(Path path, String format) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "info", "--output=json", "-U"));
        if (format != null) {
            argv.addAll(List.of("-f", format));
        }
        argv.add(path.toString());
        String out = Exec.run(argv);
        try {
            JsonNode n = JSON.readTree(out);
            JsonNode spec = n.path("format-specific").path("data");
            return new Info(n.path("format").asText(null), n.path("virtual-size").asLong(-1),
                    n.path("actual-size").asLong(-1), n.path("backing-filename").asText(null),
                    n.path("backing-filename-format").asText(null),
                    n.has("cluster-size") ? n.get("cluster-size").asLong() : null,
                    spec.path("compat").asText(null), spec.path("lazy-refcounts").asBoolean(false));
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                    "cannot parse qemu-img info output: %s", e.getMessage());
        }
    }

    /** The virtual size qemu-img reports, empty when it cannot tell. */
    static Optional<Long> virtualSize(Path path, String format) {
        try {
            long v = info(path, format).virtualSize();
            return v < 0 ? Optional.empty() : Optional.of(v);
        } catch (VirtException e) {
            return Optional.empty();
        }
    }

    private static VirtException config(String msg) {
        return VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED, "%s", msg);
    }
}
