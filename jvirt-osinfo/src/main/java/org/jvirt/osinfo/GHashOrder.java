package org.jvirt.osinfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The iteration order of a GLib 2.74 GHashTable of strings that is only ever inserted into, reproduced: libosinfo
 * hands its lists out through hash tables (osinfo_list_get_elements is g_hash_table_get_values), and merges
 * database files through one, so the order osinfo-query prints rows with equal sort keys in, and the order it
 * loads files in, are this order. The table: g_str_hash (djb2 over signed bytes), first bucket
 * {@code (hash * 11) % prime}, quadratic probing in a power-of-two array, growth when 15/16 full, in-place
 * rehash (ghash.c's resize_map). Only what insertion needs is modelled: no removal, hence no tombstones.
 */
final class GHashOrder {
    private static final int MIN_SHIFT = 3;
    /** ghash.c's prime_mod: for each power of two, the largest prime below it. */
    private static final int[] PRIME_MOD = {1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381,
        32749, 65521, 131071, 262139, 524287, 1048573, 2097143, 4194301, 8388593, 16777213, 33554393, 67108859,
        134217689, 268435399, 536870909, 1073741789, 2147483647};

    private int size;
    private int mod;
    private int mask;
    private int nnodes;
    private int noccupied;
    private int[] hashes;
    private String[] keys;

    GHashOrder() {
        setShift(MIN_SHIFT);
        hashes = new int[size];
        keys = new String[size];
    }

    /** g_hash_table_insert of a new key; a key already present keeps its place. */
    void insert(String key) {
        int h = strHash(key);
        if (Integer.compareUnsigned(h, 2) < 0) {
            h = 2;
        }
        int idx = lookup(key, h);
        if (isReal(hashes[idx])) {
            return;
        }
        hashes[idx] = h;
        keys[idx] = key;
        nnodes++;
        noccupied++;
        if ((size > nnodes * 4 && size > 1 << MIN_SHIFT) || size <= noccupied + noccupied / 16) {
            resize();
        }
    }

    /** The keys as g_hash_table_iter visits them (ascending bucket). */
    List<String> iterationOrder() {
        List<String> out = new ArrayList<>(nnodes);
        for (int i = 0; i < size; i++) {
            if (isReal(hashes[i])) {
                out.add(keys[i]);
            }
        }
        return out;
    }

    /** The keys as g_hash_table_get_values lists them: each prepended in bucket order, so descending. */
    List<String> valuesOrder() {
        List<String> out = iterationOrder();
        java.util.Collections.reverse(out);
        return out;
    }

    /** g_str_hash: h = h * 33 + c over the UTF-8 bytes taken as signed chars, from 5381, in 32 bits. */
    static int strHash(String key) {
        int h = 5381;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 5) + h + b;
        }
        return h;
    }

    private int hashToIndex(int hash) {
        return Integer.remainderUnsigned(hash * 11, mod);
    }

    private int lookup(String key, int hash) {
        int node = hashToIndex(hash);
        int step = 0;
        while (hashes[node] != 0) {
            if (hashes[node] == hash && keys[node].equals(key)) {
                return node;
            }
            step++;
            node = (node + step) & mask;
        }
        return node;
    }

    private static boolean isReal(int h) {
        return Integer.compareUnsigned(h, 2) >= 0;
    }

    private void setShift(int shift) {
        size = 1 << shift;
        mod = PRIME_MOD[shift];
        mask = size - 1;
    }

    private void setShiftFromSize(int n) {
        int shift = 0;
        while (n != 0) {
            n >>>= 1;
            shift++;
        }
        setShift(Math.max(shift, MIN_SHIFT));
    }

    /** ghash.c's g_hash_table_resize with resize_map: relocation in place, evicting as it goes. */
    private void resize() {
        int oldSize = size;
        setShiftFromSize((int) (nnodes * 1.333));
        if (size > oldSize) {
            hashes = java.util.Arrays.copyOf(hashes, size);
            keys = java.util.Arrays.copyOf(keys, size);
        }
        boolean[] placed = new boolean[Math.max(size, oldSize)];
        for (int i = 0; i < oldSize; i++) {
            int nodeHash = hashes[i];
            if (!isReal(nodeHash)) {
                hashes[i] = 0;
                continue;
            }
            if (placed[i]) {
                continue;
            }
            hashes[i] = 0;
            String key = keys[i];
            keys[i] = null;
            for (;;) {
                int hv = hashToIndex(nodeHash);
                int step = 0;
                while (placed[hv]) {
                    step++;
                    hv = (hv + step) & mask;
                }
                placed[hv] = true;
                int replaced = hashes[hv];
                hashes[hv] = nodeHash;
                if (!isReal(replaced)) {
                    keys[hv] = key;
                    break;
                }
                nodeHash = replaced;
                String evicted = keys[hv];
                keys[hv] = key;
                key = evicted;
            }
        }
        if (size < oldSize) {
            hashes = java.util.Arrays.copyOf(hashes, size);
            keys = java.util.Arrays.copyOf(keys, size);
        }
        noccupied = nnodes;
    }
}
