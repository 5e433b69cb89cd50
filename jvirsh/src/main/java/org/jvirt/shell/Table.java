package org.jvirt.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * virsh's vshTable: columns as wide as their widest cell, each cell led by a space and followed by two more,
 * a line of dashes under the header; with {@code -q} no header, and widths from the rows alone.
 */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    void row(String... cells) {
        rows.add(cells);
    }

    void print(Shell sh) {
        boolean header = !sh.quiet;
        int n = rows.get(0).length;
        int[] max = new int[n];
        for (int r = header ? 0 : 1; r < rows.size(); r++) {
            for (int i = 0; i < n; i++) {
                max[i] = Math.max(max[i], width(rows.get(r)[i]));
            }
        }
        StringBuilder b = new StringBuilder();
        if (header) {
            line(b, rows.get(0), max);
            for (int i = 0; i < n; i++) {
                b.append("-".repeat(max[i] + 3));
            }
            b.append('\n');
        }
        for (int r = 1; r < rows.size(); r++) {
            line(b, rows.get(r), max);
        }
        sh.print("%s", b.toString());
    }

    private static void line(StringBuilder b, String[] cells, int[] max) {
        for (int i = 0; i < cells.length; i++) {
            b.append(' ').append(cells[i] == null ? "" : cells[i]);
            if (i < cells.length - 1) {
                b.append(" ".repeat(max[i] - width(cells[i]) + 2));
            }
        }
        b.append('\n');
    }

    private static int width(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }
}
