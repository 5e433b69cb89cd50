package org.jvirt.shell;

import java.util.List;

/** vshTreePrint: a forest drawn with "+- " and "|", children found by their parent's name. */
final class Tree {

    private Tree() {
    }

    /** Prints the tree rooted at {@code root}; {@code parents.get(i)} is the parent name of {@code names.get(i)}. */
    static void print(Shell sh, List<String> names, List<String> parents, int root) {
        StringBuilder out = new StringBuilder();
        print(out, names, parents, root, root, true, new StringBuilder());
        sh.print("%s", out.toString());
    }

    private static void print(StringBuilder out, List<String> names, List<String> parents, int dev, int lastdev,
                              boolean root, StringBuilder indent) {
        String name = names.get(dev);
        out.append(indent).append(root ? "" : "+- ").append(name).append('\n');
        if (!root) {
            indent.append(dev == lastdev ? ' ' : '|').append(' ');
        }
        int nextlast = -1;
        for (int i = 0; i < names.size(); i++) {
            if (name.equals(parents.get(i))) {
                nextlast = i;
            }
        }
        if (nextlast != -1) {
            out.append(indent).append("  |\n");
        }
        indent.append("  ");
        for (int i = 0; i < names.size(); i++) {
            if (name.equals(parents.get(i))) {
                print(out, names, parents, i, nextlast, false, indent);
            }
        }
        indent.setLength(indent.length() - 2);
        if (nextlast == -1 && dev == lastdev) {
            out.append(indent).append('\n');
        }
        if (!root) {
            indent.setLength(indent.length() - 2);
        }
    }
}
