package org.jvirt.driver.storage.vol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Set;

/**
 * An empty qcow2 image written directly, as {@code qemu-img create -f qcow2 -o compat=…[,cluster_size=…]} writes
 * it, for the plain case only (no backing file, preallocation, encryption, nocow or feature flags, and an L1
 * table that fits in one cluster): header, one refcount table cluster, one refcount block (each written out
 * whole, as qemu-img does, so the allocation is the same too), the L1 table, the file ending right after it. Spawning qemu-img costs milliseconds per volume, this a few writes; every other
 * case still runs qemu-img as libvirt does. {@code Qcow2ImageTest} checks the bytes against the installed
 * qemu-img's for a range of sizes, cluster sizes and both compat levels.
 */
final class Qcow2Image {

    private static final int MAGIC = 0x514649fb; // "QFI\xfb"
    private static final int DEFAULT_CLUSTER = 65536;
    private static final int FEATURE_TABLE = 0x6803f857;
    private static final int V3_HEADER_LENGTH = 112; // through the compression type byte and its padding
    /** qemu-img 7.2 writes no feature name table with clusters this small or smaller (Qcow2ImageTest pins it). */
    private static final int SMALL_CLUSTER = 4096;

    /** QEMU's feature name table, written into every v3 header: (type, bit, name), in QEMU's order. */
    private record Feature(int type, int bit, String name) {
    }

    private static final List<Feature> FEATURES = List.of(
            new Feature(0, 0, "dirty bit"),
            new Feature(0, 1, "corrupt bit"),
            new Feature(0, 2, "external data file"),
            new Feature(0, 3, "compression type"),
            new Feature(0, 4, "extended L2 entries"),
            new Feature(1, 0, "lazy refcounts"),
            new Feature(2, 0, "bitmaps"),
            new Feature(2, 1, "raw external data"));

    private Qcow2Image() {
    }

    /** The cluster size to write, or 0 when this volume needs qemu-img. */
    static int plainClusterSize(VolDef vol, boolean preallocMetadata) {
        if (!"qcow2".equals(vol.format()) || preallocMetadata || vol.encrypted() || vol.nocow()
                || vol.backingPath() != null || vol.features() != null && !vol.features().isEmpty()
                || vol.compat() != null && !vol.compat().equals("0.10") && !vol.compat().equals("1.1")) {
            return 0;
        }
        long cluster = vol.clusterSize() > 0 ? vol.clusterSize() : DEFAULT_CLUSTER;
        if (cluster < 512 || cluster > 2 * 1024 * 1024 || Long.bitCount(cluster) != 1) {
            return 0; // qemu-img's error for these
        }
        long size = size(vol);
        long l2Covers = cluster * (cluster / 8);
        long l1Entries = (size + l2Covers - 1) / l2Covers;
        return l1Entries * 8 <= cluster ? (int) cluster : 0;
    }

    /** The virtual size qemu-img gets from libvirt: the capacity in KiB, rounded up. */
    private static long size(VolDef vol) {
        return (vol.capacityOrZero() + 1023) / 1024 * 1024;
    }

    /** Creates the image; the file must not exist. */
    static void create(Path path, VolDef vol, int cluster, FileAttribute<?> perms) throws IOException {
        long size = size(vol);
        boolean v3 = "1.1".equals(vol.compat());
        int bits = Integer.numberOfTrailingZeros(cluster);
        long l2Covers = (long) cluster * (cluster / 8);
        int l1Entries = (int) ((size + l2Covers - 1) / l2Covers);
        long refTable = cluster;
        long refBlock = 2L * cluster;
        long l1Table = l1Entries > 0 ? 3L * cluster : 0; // an empty image has no L1 cluster, offset 0
        int used = l1Entries > 0 ? 4 : 3; // clusters in use: header, refcount table, refcount block[, L1 table]

        ByteBuffer header = ByteBuffer.allocate(cluster); // big-endian, as qcow2 is
        header.putInt(MAGIC).putInt(v3 ? 3 : 2);
        header.putLong(0).putInt(0); // no backing file
        header.putInt(bits).putLong(size);
        header.putInt(0); // no encryption
        header.putInt(l1Entries).putLong(l1Table);
        header.putLong(refTable).putInt(1);
        header.putInt(0).putLong(0); // no snapshots
        if (v3) {
            header.putLong(0).putLong(0).putLong(0); // incompatible, compatible, autoclear features
            header.putInt(4); // refcount_order: 16-bit refcounts
            header.putInt(V3_HEADER_LENGTH);
            header.position(V3_HEADER_LENGTH);
        }
        if (v3 && cluster > SMALL_CLUSTER) {
            header.putInt(FEATURE_TABLE).putInt(FEATURES.size() * 48);
            for (Feature f : FEATURES) {
                byte[] name = new byte[46];
                byte[] text = f.name().getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, name, 0, text.length);
                header.put((byte) f.type()).put((byte) f.bit()).put(name);
            }
            header.putLong(0); // end of the header extensions
        }
        header.clear(); // the whole cluster: qemu-img writes its metadata clusters out (the same allocation)

        ByteBuffer table = ByteBuffer.allocate(cluster).putLong(0, refBlock);
        ByteBuffer block = ByteBuffer.allocate(cluster); // each cluster in use counted once
        for (int i = 0; i < used; i++) {
            block.putShort((short) 1);
        }
        block.clear();
        ByteBuffer l1 = ByteBuffer.allocate(l1Entries * 8); // all zero: nothing allocated

        try (FileChannel ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                perms)) {
            ch.write(header, 0);
            ch.write(table, refTable);
            ch.write(block, refBlock);
            if (l1Entries > 0) {
                ch.write(l1, l1Table);
            }
        }
    }
}
