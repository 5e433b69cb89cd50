package org.jvirt.driver.test;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A volume's content: extents of data keyed by offset, never overlapping; everything between them is a hole that
 * reads as zeros and costs no memory. An extent's array is never changed once stored (a write replaces the
 * extents it covers), so a copy shares them. Not thread-safe: the driver state's lock guards it.
 */
final class SparseBytes {

    private final TreeMap<Long, byte[]> extents = new TreeMap<>();

    SparseBytes copy() {
        SparseBytes c = new SparseBytes();
        c.extents.putAll(extents);
        return c;
    }

    /** Bytes held in memory (the data extents). */
    long dataBytes() {
        long n = 0;
        for (byte[] e : extents.values()) {
            n += e.length;
        }
        return n;
    }

    /** Stores {@code len} bytes at {@code pos}. */
    void write(long pos, byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        punch(pos, len);
        extents.put(pos, Arrays.copyOfRange(b, off, off + len));
    }

    /** Makes {@code [pos, pos+len)} a hole. */
    void punch(long pos, long len) {
        if (len <= 0) {
            return;
        }
        long end = pos + len;
        Map.Entry<Long, byte[]> before = extents.lowerEntry(pos);
        if (before != null) {
            long s = before.getKey();
            byte[] d = before.getValue();
            long e = s + d.length;
            if (e > pos) {
                extents.put(s, Arrays.copyOfRange(d, 0, (int) (pos - s)));
                if (e > end) {
                    extents.put(end, Arrays.copyOfRange(d, (int) (end - s), d.length));
                }
            }
        }
        var inside = extents.subMap(pos, true, end, false);
        Map.Entry<Long, byte[]> last = inside.isEmpty() ? null : inside.lastEntry();
        inside.clear();
        if (last != null) {
            long s = last.getKey();
            byte[] d = last.getValue();
            if (s + d.length > end) {
                extents.put(end, Arrays.copyOfRange(d, (int) (end - s), d.length));
            }
        }
    }

    /** Drops everything at and after {@code size} (a volume shrinking). */
    void truncate(long size) {
        punch(size, Long.MAX_VALUE - size);
    }

    void clear() {
        extents.clear();
    }

    /** Copies {@code [pos, pos+len)} into {@code buf}, zeros for holes. */
    void read(long pos, byte[] buf, int off, int len) {
        Arrays.fill(buf, off, off + len, (byte) 0);
        long end = pos + len;
        Long first = extents.floorKey(pos);
        var from = extents.tailMap(first == null ? pos : first, true).headMap(end, false);
        for (Map.Entry<Long, byte[]> x : from.entrySet()) {
            long s = x.getKey();
            byte[] d = x.getValue();
            long a = Math.max(s, pos);
            long b = Math.min(s + d.length, end);
            if (a < b) {
                System.arraycopy(d, (int) (a - s), buf, off + (int) (a - pos), (int) (b - a));
            }
        }
    }

    private boolean isData(long pos) {
        Map.Entry<Long, byte[]> e = extents.floorEntry(pos);
        return e != null && e.getKey() + e.getValue().length > pos;
    }

    /** The length of the data run at {@code pos}, up to {@code limit}; 0 when {@code pos} is in a hole. */
    long dataRun(long pos, long limit) {
        if (!isData(pos)) {
            return 0;
        }
        Map.Entry<Long, byte[]> e = extents.floorEntry(pos);
        long end = e.getKey() + e.getValue().length;
        byte[] next;
        while (end < limit && (next = extents.get(end)) != null) {
            end += next.length;
        }
        return Math.min(end, limit) - pos;
    }

    /** The length of the hole at {@code pos}, up to {@code limit}; 0 when {@code pos} is in data. */
    long holeRun(long pos, long limit) {
        if (pos >= limit || isData(pos)) {
            return 0;
        }
        Long next = extents.ceilingKey(pos);
        return Math.min(next == null ? limit : next, limit) - pos;
    }
}
