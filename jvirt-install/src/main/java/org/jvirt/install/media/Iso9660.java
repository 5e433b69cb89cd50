package org.jvirt.install.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads files out of an ISO 9660 image: the primary volume descriptor, then the directory records from the root,
 * matching each path component against its Rock Ridge name (NM) when there is one, else against the ISO name
 * without its version (";1") and trailing dot, case-insensitively. Enough for install kernels and initrds; the
 * image is untrusted, so every offset and length is bounds-checked against the file.
 */
public final class Iso9660 implements AutoCloseable {
    private static final int SECTOR = 2048;
    private static final int MAX_DEPTH = 32;

    private final FileChannel ch;
    private final long size;
    private final int blockSize;
    private final Entry root;
    private final String volumeId;

    /** A directory record: where its data is, how long, whether a directory. */
    public record Entry(String name, long extent, long length, boolean directory) {}

    private Iso9660(Path iso) throws IOException {
        ch = FileChannel.open(iso, StandardOpenOption.READ);
        size = ch.size();
        ByteBuffer pvd = read(16L * SECTOR, SECTOR);
        if ((pvd.get(0) & 0xff) != 1 || !"CD001".equals(ascii(pvd, 1, 5))) {
            ch.close();
            throw new IOException(iso + " is not an ISO 9660 image (no primary volume descriptor)");
        }
        volumeId = ascii(pvd, 40, 32).strip();
        blockSize = Short.toUnsignedInt(pvd.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(128));
        if (blockSize != SECTOR && blockSize != 512 && blockSize != 1024) {
            ch.close();
            throw new IOException(iso + ": unsupported logical block size " + blockSize);
        }
        root = record(pvd, 156).orElseThrow(() -> new IOException(iso + ": no root directory record"));
    }

    public static Iso9660 open(Path iso) throws IOException {
        return new Iso9660(iso);
    }

    public String volumeId() {
        return volumeId;
    }

    /** The entry at {@code path} ("/install.amd/vmlinuz"), if any. */
    public Optional<Entry> find(String path) throws IOException {
        Entry cur = root;
        String[] parts = path.replaceAll("^/+", "").split("/+");
        if (parts.length > MAX_DEPTH) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (!cur.directory()) {
                return Optional.empty();
            }
            Optional<Entry> next = lookup(cur, part);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            cur = next.get();
        }
        return Optional.of(cur);
    }

    /** Copies a file's bytes to {@code out}. */
    public void copy(Entry e, OutputStream out) throws IOException {
        long pos = e.extent() * blockSize;
        long left = e.length();
        if (pos + left > size) {
            throw new IOException("file '" + e.name() + "' runs past the end of the image");
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        while (left > 0) {
            buf.clear().limit((int) Math.min(buf.capacity(), left));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                throw new IOException("short read in '" + e.name() + "'");
            }
            out.write(buf.array(), 0, n);
            pos += n;
            left -= n;
        }
    }

    private Optional<Entry> lookup(Entry dir, String want) throws IOException {
        if (dir.length() > 64L * 1024 * 1024) {
            throw new IOException("directory too large");
        }
        ByteBuffer data = read(dir.extent() * blockSize, (int) dir.length());
        int off = 0;
        while (off < data.limit()) {
            int len = data.get(off) & 0xff;
            if (len == 0) {
                off = (off / SECTOR + 1) * SECTOR; // records never cross a sector: the rest is padding
                continue;
            }
            if (off + len > data.limit()) {
                break;
            }
            Optional<Entry> e = record(data, off);
            if (e.isPresent() && matches(e.get().name(), want)) {
                return e;
            }
            off += len;
        }
        return Optional.empty();
    }

    private static boolean matches(String name, String want) {
        if (name.equals(want)) {
            return true;
        }
        String plain = name;
        int semi = plain.indexOf(';');
        if (semi >= 0) {
            plain = plain.substring(0, semi);
        }
        if (plain.endsWith(".")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        return plain.toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT))
                || plain.toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT).replace('-', '_'));
    }

    /** Parses the directory record at {@code off}; its name is the Rock Ridge NM when present. */
    private Optional<Entry> record(ByteBuffer b, int off) {
        int len = b.get(off) & 0xff;
        if (len < 34 || off + len > b.limit()) {
            return Optional.empty();
        }
        long extent = Integer.toUnsignedLong(b.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(off + 2));
        long length = Integer.toUnsignedLong(b.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(off + 10));
        boolean dir = (b.get(off + 25) & 2) != 0;
        int nameLen = b.get(off + 32) & 0xff;
        if (33 + nameLen > len) {
            return Optional.empty();
        }
        String name;
        if (nameLen == 1 && (b.get(off + 33) == 0 || b.get(off + 33) == 1)) {
            name = b.get(off + 33) == 0 ? "." : "..";
        } else {
            name = ascii(b, off + 33, nameLen);
        }
        int su = 33 + nameLen + ((nameLen & 1) == 0 ? 1 : 0);
        String rr = rockRidgeName(b, off + su, off + len);
        return Optional.of(new Entry(rr != null ? rr : name, extent, length, dir));
    }

    /** The NM entries of the System Use area between {@code from} and {@code to}, joined; null when none. */
    private static String rockRidgeName(ByteBuffer b, int from, int to) {
        StringBuilder nm = null;
        int p = from;
        while (p + 4 <= to) {
            int sLen = b.get(p + 2) & 0xff;
            if (sLen < 4 || p + sLen > to) {
                break;
            }
            if (b.get(p) == 'N' && b.get(p + 1) == 'M' && sLen >= 5) {
                int flags = b.get(p + 4) & 0xff;
                if ((flags & 0x06) == 0) {
                    nm = nm == null ? new StringBuilder() : nm;
                    byte[] raw = new byte[sLen - 5];
                    b.get(p + 5, raw);
                    nm.append(new String(raw, StandardCharsets.UTF_8));
                }
            }
            p += sLen;
        }
        return nm == null ? null : nm.toString();
    }

    private ByteBuffer read(long pos, int len) throws IOException {
        if (pos < 0 || len < 0 || pos + len > size) {
            throw new IOException("ISO structure points past the end of the image");
        }
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                throw new IOException("short read");
            }
        }
        return buf.flip();
    }

    private static String ascii(ByteBuffer b, int off, int len) {
        byte[] raw = new byte[len];
        b.get(off, raw);
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
