package org.jvirt.osinfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GLib's list merge sort (g_list_sort), reproduced so that orders libosinfo computes with comparators that are
 * not total orders (osinfo-query's null handling, media_volume_compare) come out the same: the list splits
 * after its first half (rounded down), and a merge takes from the left while the comparison is {@code <= 0}.
 * Java's own sort rejects such comparators or orders them differently.
 */
public final class GListSort {
    private GListSort() {
    }

    public static <T> List<T> sort(List<T> list, Comparator<? super T> cmp) {
        if (list.size() < 2) {
            return new ArrayList<>(list);
        }
        int half = list.size() / 2;
        List<T> left = sort(list.subList(0, half), cmp);
        List<T> right = sort(list.subList(half, list.size()), cmp);
        List<T> out = new ArrayList<>(list.size());
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            if (cmp.compare(left.get(i), right.get(j)) <= 0) {
                out.add(left.get(i++));
            } else {
                out.add(right.get(j++));
            }
        }
        out.addAll(left.subList(i, left.size()));
        out.addAll(right.subList(j, right.size()));
        return out;
    }
}
