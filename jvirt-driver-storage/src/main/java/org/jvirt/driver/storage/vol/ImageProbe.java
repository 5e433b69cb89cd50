package org.jvirt.driver.storage.vol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jvirt.StorageVolType;

/**
 * What a file volume is (storageBackendProbeTarget / virStorageFileProbe): stat for permissions, times and sizes;
 * the image header for the format, the virtual size and, for qcow2, compat, cluster size, features and the
 * backing file. Read natively, as libvirt does, so that a refresh of a thousand volumes runs no program; formats
 * whose header this does not read take their virtual size from {@code qemu-img info}.
 */
public final class ImageProbe {

    /** How much of the header libvirt reads (VIR_STORAGE_MAX_HEADER). */
    private static final int MAX_HEADER = 0x8200;
    /** What is read first: every header but ISO's lies within it. */
    private static final int FIRST_READ = 4096;
    /** Where an ISO 9660 image has its "CD001" (libvirt's probe offset). */
    private static final int ISO_MAGIC_AT = 32769;
    private static final int QCOW2_BACKING_FORMAT_EXT = 0xE2792ACA;

    private ImageProbe() {
    }

    /** The volume {@code name} of {@code pool} at {@code path}, or null when the file is gone. */
    public static Volume probe(String pool, String name, Path path) throws IOException {
        NativeFiles.Stat st = statOf(path);
        if (st == null) {
            return null;
        }
        int fmt = st.mode() & S_IFMT; // one stat says what the file is
        boolean dir = fmt == S_IFDIR;
        boolean block = fmt == S_IFBLK;
        long size = st.size();
        Header h = dir ? Header.RAW : readHeaderOrRaw(path, block, size);
        String format = dir ? "dir" : h.format;
        long capacity = h.virtualSize >= 0 ? h.virtualSize : size;
        if (h.virtualSize < 0 && !dir && !block && !"raw".equals(format) && !"iso".equals(format)) {
            capacity = QemuImg.virtualSize(path, format).orElse(size);
        }
        long allocation = st.blocks() >= 0 ? st.blocks() * 512 : size;
        Volume.Target target = target(path.toString(), format, st, h);
        Volume.Target backing = null;
        if (h.backingPath != null) {
            Path bp = Path.of(h.backingPath);
            Path abs = bp.isAbsolute() ? bp : path.resolveSibling(bp);
            String bfmt = h.backingFormat;
            NativeFiles.Stat bst = statOf(abs);
            if (bst == null) {
                bfmt = "raw"; // libvirt fakes the format of a backing store it cannot open
            } else if (bfmt == null) {
                try {
                    bfmt = readHeader(abs, false, bst.size()).format;
                } catch (IOException e) {
                    bfmt = "raw";
                }
            }
            backing = bst == null ? new Volume.Target(abs.toString(), bfmt, -1, -1, -1, null, null, 0, null)
                    : target(abs.toString(), bfmt, bst, Header.RAW);
        }
        StorageVolType type = dir ? StorageVolType.DIR : block ? StorageVolType.BLOCK : StorageVolType.FILE;
        return new Volume(pool, name, path.toString(), type, capacity, allocation, size, target, backing);
    }

    /** stat(2) natively, else through Java's unix attribute view (st_blocks then unknown); null when gone. */
    private static NativeFiles.Stat statOf(Path path) throws IOException {
        java.util.Optional<NativeFiles.Stat> n = NativeFiles.stat(path);
        if (n.isPresent()) {
            return n.get();
        }
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, ATTRS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        return new NativeFiles.Stat((int) a.get("mode"), ((Number) a.get("uid")).longValue(),
                ((Number) a.get("gid")).longValue(), (long) a.get("size"), -1, nanos(a.get("lastAccessTime")),
                nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")));
    }

    private static final String ATTRS = "unix:mode,uid,gid,size,lastAccessTime,lastModifiedTime,ctime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;

    /** The header, or raw for a file this process may not read (libvirt reports those as raw too). */
    private static Header readHeaderOrRaw(Path path, boolean block, long size) throws IOException {
        try {
            return readHeader(path, block, size);
        } catch (java.nio.file.AccessDeniedException e) {
            return Header.RAW;
        }
    }

    private static Volume.Target target(String path, String format, NativeFiles.Stat st, Header h) {
        Volume.Times t = new Volume.Times(st.atime(), st.mtime(), st.ctime());
        return new Volume.Target(path, format, st.mode() & 07777, st.uid(), st.gid(), t, h.compat, h.clusterSize,
                h.features);
    }

    private static long nanos(Object ft) {
        if (!(ft instanceof FileTime f)) {
            return -1;
        }
        return f.to(TimeUnit.NANOSECONDS);
    }

    /** The header facts; virtualSize -1 when the header does not say. */
    record Header(String format, long virtualSize, String compat, long clusterSize, List<String> features,
                  String backingPath, String backingFormat) {
        static final Header RAW = new Header("raw", -1, null, 0, null, null, null);
    }

    static Header readHeader(Path path, boolean block, long size) throws IOException {
        if (block) {
            return Header.RAW; // libvirt treats block volumes as raw for their capacity
        }
        ByteBuffer b = ByteBuffer.allocate(FIRST_READ);
        boolean iso;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            while (b.hasRemaining() && ch.read(b) > 0) {
                // the first 4 KiB hold every header but ISO's
            }
            ByteBuffer cd = ByteBuffer.allocate(5);
            iso = size >= ISO_MAGIC_AT + 5 && ch.read(cd, ISO_MAGIC_AT) == 5
                    && "CD001".equals(new String(cd.array(), StandardCharsets.US_ASCII));
            if (b.position() == FIRST_READ && b.getInt(0) == 0x514649fb && b.getInt(100) > FIRST_READ - 8) {
                b = readMore(ch, b); // qcow2 header extensions past the first read
            }
        }
        b.flip();
        if (b.remaining() >= 72 && b.getInt(0) == 0x514649fb) {
            int version = b.getInt(4);
            return version == 1 ? new Header("qcow", b.getLong(24), null, 0, null, null, null) : qcow2(b, version);
        }
        if (starts(b, 0, "QED\0")) {
            return new Header("qed", b.remaining() >= 48 ? Long.reverseBytes(b.getLong(40)) : -1, null, 0, null,
                    null, null);
        }
        if (starts(b, 0, "KDMV")) {
            return new Header("vmdk", -1, null, 0, null, null, null);
        }
        if (starts(b, 0, "conectix")) {
            return new Header("vpc", -1, null, 0, null, null, null);
        }
        if (b.remaining() >= 0x44 && Integer.reverseBytes(b.getInt(0x40)) == 0xbeda107f) {
            return new Header("vdi", -1, null, 0, null, null, null);
        }
        if (iso) {
            return new Header("iso", -1, null, 0, null, null, null);
        }
        return Header.RAW;
    }

    private static ByteBuffer readMore(FileChannel ch, ByteBuffer first) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(MAX_HEADER);
        first.flip();
        all.put(first);
        while (all.hasRemaining() && ch.read(all, all.position()) > 0) {
            // the buffer's position is the file offset: read on to libvirt's header limit
        }
        return all;
    }

    private static Header qcow2(ByteBuffer b, int version) {
        long backingOffset = b.getLong(8);
        int backingSize = b.getInt(16);
        long size = b.getLong(24);
        // libvirt's probe names the compat level (and lists features) of version 3 images only
        String compat = version == 3 ? "1.1" : null;
        List<String> features = null;
        int extStart = 72;
        if (version >= 3 && b.remaining() >= 104) {
            long incompatible = b.getLong(72);
            long compatible = b.getLong(80);
            features = new ArrayList<>();
            if ((compatible & 1) != 0) {
                features.add("lazy_refcounts");
            }
            if ((incompatible & 16) != 0) {
                features.add("extended_l2");
            }
            extStart = b.getInt(100);
        }
        String backing = null;
        if (backingOffset > 0 && backingSize > 0 && backingOffset + backingSize <= b.remaining()) {
            byte[] p = new byte[backingSize];
            b.get((int) backingOffset, p);
            backing = new String(p, StandardCharsets.UTF_8);
        }
        String backingFormat = null;
        int off = extStart;
        int end = backingOffset > 0 ? (int) Math.min(backingOffset, b.remaining()) : b.remaining();
        while (off + 8 <= end) {
            int type = b.getInt(off);
            int len = b.getInt(off + 4);
            if (type == 0 || len < 0 || off + 8 + len > b.remaining()) {
                break;
            }
            if (type == QCOW2_BACKING_FORMAT_EXT) {
                byte[] f = new byte[len];
                b.get(off + 8, f);
                backingFormat = new String(f, StandardCharsets.UTF_8);
            }
            off += 8 + ((len + 7) & ~7);
        }
        // the cluster size is not part of what libvirt's probe reports (only a created volume's definition has it)
        return new Header("qcow2", size, compat, 0, features, backing, backingFormat);
    }

    private static boolean starts(ByteBuffer b, int at, String magic) {
        if (b.remaining() < at + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b.get(at + i) != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
