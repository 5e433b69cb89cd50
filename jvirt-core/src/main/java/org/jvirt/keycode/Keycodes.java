package org.jvirt.keycode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Key codes between libvirt's code sets (virkeycode.c's semantics over keycodemapdb's data, {@link KeymapData}).
 *
 * <p>The table has one entry per Linux key code. An entry that has no value in a set takes the value the set
 * gives KEY_RESERVED (Linux code 0), else 0: so OS-X codes default to 0xff and the AT-based sets to 0. Translation
 * finds the first entry whose value in the source set is the given code and returns that entry's value in the
 * target set, which is why libvirt translates an unmapped code as if it were KEY_RESERVED's.
 */
public final class Keycodes {

    /** VIR_DOMAIN_SEND_KEY_MAX_KEYS. */
    public static final int MAX_KEYS = 16;

    private static final int LINUX_NAME = 0;
    private static final int LINUX = 1;
    private static final int OSX_NAME = 2;
    private static final int OSX = 3;
    private static final int ATSET1 = 4;
    private static final int ATSET2 = 5;
    private static final int ATSET3 = 6;
    private static final int USB = 7;
    private static final int WIN32_NAME = 8;
    private static final int WIN32 = 9;

    private static final Map<KeycodeSet, int[]> VALUES = new EnumMap<>(KeycodeSet.class);
    private static final Map<KeycodeSet, String[]> NAMES = new EnumMap<>(KeycodeSet.class);

    static {
        List<String[]> rows = new ArrayList<>();
        for (String line : KeymapData.ROWS.split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.strip().split(" "));
            }
        }
        int n = rows.size();
        int[] linux = column(rows, LINUX);
        int[] atset1 = column(rows, ATSET1);
        VALUES.put(KeycodeSet.LINUX, linux);
        VALUES.put(KeycodeSet.XT, atset1);
        VALUES.put(KeycodeSet.ATSET1, atset1);
        VALUES.put(KeycodeSet.ATSET2, column(rows, ATSET2));
        VALUES.put(KeycodeSet.ATSET3, column(rows, ATSET3));
        VALUES.put(KeycodeSet.OSX, column(rows, OSX));
        VALUES.put(KeycodeSet.USB, column(rows, USB));
        VALUES.put(KeycodeSet.WIN32, column(rows, WIN32));
        int[] xtkbd = new int[n];
        int[] qnum = new int[n];
        for (int i = 0; i < n; i++) {
            String at1 = rows.get(i)[ATSET1];
            if (at1.equals("-")) {
                continue; // no AT set 1 code: nothing to derive, the default (0) stays
            }
            int v = parse(at1);
            // two-byte codes are 0xe0 followed by the low 7 bits; the kernel and QEMU fold the prefix differently
            xtkbd[i] = v > 0x7f ? 0x100 | (v & 0x7f) : v;
            qnum[i] = v > 0x7f ? 0x80 | (v & 0x7f) : v;
        }
        VALUES.put(KeycodeSet.XT_KBD, xtkbd);
        VALUES.put(KeycodeSet.QNUM, qnum);
        NAMES.put(KeycodeSet.LINUX, names(rows, LINUX_NAME));
        NAMES.put(KeycodeSet.OSX, names(rows, OSX_NAME));
        NAMES.put(KeycodeSet.WIN32, names(rows, WIN32_NAME));
    }

    private Keycodes() {
    }

    private static int[] column(List<String[]> rows, int field) {
        int[] out = new int[rows.size()];
        String first = rows.get(0)[field];
        int dflt = first.equals("-") ? 0 : parse(first); // KEY_RESERVED's value stands in for a missing one
        for (int i = 0; i < out.length; i++) {
            String v = rows.get(i)[field];
            out[i] = v.equals("-") ? dflt : parse(v);
        }
        return out;
    }

    private static String[] names(List<String[]> rows, int field) {
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) {
            String v = rows.get(i)[field];
            out[i] = v.equals("-") ? null : v;
        }
        return out;
    }

    private static int parse(String s) {
        return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
    }

    /**
     * virKeycodeValueTranslate: the code in {@code to} of the key that has {@code value} in {@code from}, or -1
     * when no key has it.
     */
    public static int translate(KeycodeSet from, KeycodeSet to, int value) {
        if (value < 0) {
            return -1;
        }
        int[] src = VALUES.get(from);
        for (int i = 0; i < src.length; i++) {
            if (src[i] == value) {
                return VALUES.get(to)[i];
            }
        }
        return -1;
    }

    /** True when some key has this code in the set (what libvirt's test driver checks before "sending"). */
    public static boolean isValid(KeycodeSet set, int value) {
        return translate(set, set, value) >= 0;
    }

    /**
     * virKeycodeValueFromString: the code of the key with that name, or -1. Only the linux, os_x and win32 sets
     * have names (e.g. KEY_A, ANSI_A, VK_A).
     */
    public static int fromName(KeycodeSet set, String name) {
        String[] names = NAMES.get(set);
        if (names == null || name == null) {
            return -1;
        }
        for (int i = 0; i < names.length; i++) {
            if (name.equals(names[i])) {
                return VALUES.get(set)[i];
            }
        }
        return -1;
    }

    /** The key names of a set, in key code order (empty for a set without names); for completion. */
    public static List<String> names(KeycodeSet set) {
        String[] names = NAMES.get(set);
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : names) {
            if (s != null) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
