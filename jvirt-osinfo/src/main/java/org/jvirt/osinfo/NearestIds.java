package org.jvirt.osinfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The known names nearest to a mistyped one, by edit distance, for "Unknown OS name" errors. */
final class NearestIds {
    private NearestIds() {
    }

    static List<String> nearest(String wanted, List<String> known, int max) {
        record Scored(String id, int distance) {
        }
        String w = wanted.toLowerCase();
        List<Scored> scored = new ArrayList<>(known.size());
        for (String k : known) {
            int d = distance(w, k.toLowerCase());
            // a known id that starts with what was typed ("debian1" -> "debian10") is as good as one edit away
            if (k.toLowerCase().startsWith(w) || w.startsWith(k.toLowerCase())) {
                d = Math.min(d, 1 + Math.abs(k.length() - w.length()) / 4);
            }
            scored.add(new Scored(k, d));
        }
        int limit = Math.max(2, w.length() / 2);
        return scored.stream().filter(s -> s.distance() <= limit)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id))
                .limit(max).map(Scored::id).toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
