package org.jvirt.osinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a quick pass over an OS file's bytes tells without parsing it as XML: its OS id and short-ids, the ids it
 * names in derives-from, clones and upgrades, and its media's volume-id patterns. It lets a short-id lookup, the
 * detection order and the choice of which OSes' media could match an ISO skip parsing the ~800 files of the
 * database. Soundness over cleverness: comments are skipped; anything the pass cannot read plainly (CDATA, more
 * than one OS in a file, an entity it does not know) marks the file {@link #plain() not plain}, and callers then
 * parse it properly. Patterns are a superset filter only: a candidate is always checked on the parsed model.
 */
record OsFileScan(String osId, List<String> shortIds, List<String> relations, List<String> volumeIds,
                  int isoBlocks, boolean hasTreeinfo, boolean plain) {

    static OsFileScan of(List<Path> files) {
        String id = null;
        List<String> shortIds = new ArrayList<>();
        List<String> relations = new ArrayList<>();
        List<String> volumeIds = new ArrayList<>();
        int isos = 0;
        boolean treeinfo = false;
        boolean plain = true;
        for (Path f : files) {
            byte[] b;
            try {
                b = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new OsinfoException("cannot read " + f + ": " + e.getMessage(), e);
            }
            int oses = 0;
            int i = 0;
            // per file, as libosinfo's loader names them: every derives-from, then clones, then upgrades
            List<String> derives = new ArrayList<>();
            List<String> clones = new ArrayList<>();
            List<String> upgrades = new ArrayList<>();
            while ((i = indexOf(b, (byte) '<', i)) >= 0) {
                if (startsWith(b, i, "<!--")) {
                    int end = indexOf(b, "-->", i + 4);
                    i = end < 0 ? b.length : end + 3;
                    continue;
                }
                if (startsWith(b, i, "<![CDATA[") || startsWith(b, i, "<!DOCTYPE")) {
                    plain = false;
                } else if (tag(b, i, "os")) {
                    oses++;
                    String osId = attr(b, i, "id");
                    if (id == null) {
                        id = osId;
                    } else if (!id.equals(osId)) {
                        plain = false;
                    }
                } else if (tag(b, i, "short-id")) {
                    String t = text(b, i, "short-id");
                    if (t == null) {
                        plain = false;
                    } else {
                        shortIds.add(t);
                    }
                } else if (tag(b, i, "derives-from")) {
                    derives.add(attr(b, i, "id"));
                } else if (tag(b, i, "clones")) {
                    clones.add(attr(b, i, "id"));
                } else if (tag(b, i, "upgrades")) {
                    upgrades.add(attr(b, i, "id"));
                } else if (tag(b, i, "iso")) {
                    isos++;
                } else if (tag(b, i, "treeinfo")) {
                    treeinfo = true;
                } else if (tag(b, i, "volume-id")) {
                    String t = text(b, i, "volume-id");
                    if (t == null) {
                        plain = false;
                    } else {
                        volumeIds.add(t);
                    }
                }
                i++;
            }
            if (oses != 1) {
                plain = false;
            }
            relations.addAll(derives);
            relations.addAll(clones);
            relations.addAll(upgrades);
        }
        if (relations.contains(null)) {
            plain = false;
            relations.removeIf(java.util.Objects::isNull);
        }
        // the short-ids of <os> only: a short-id elsewhere (none exist in osinfo-db) would make this unsound
        return new OsFileScan(id, List.copyOf(shortIds), List.copyOf(relations), List.copyOf(volumeIds), isos,
                treeinfo, plain && id != null);
    }

    /**
     * Whether some medium of this OS could match a volume id: one of its volume-id patterns is found in it, or
     * it has an {@code <iso>} block without a volume-id (matched on other fields), or the file was not plain.
     */
    boolean mayMatch(String volumeId) {
        if (!plain || isoBlocks > volumeIds.size()) {
            return true;
        }
        for (String p : volumeIds) {
            if (Regexes.matches(p, volumeId)) {
                return true;
            }
        }
        return false;
    }

    /** {@code <name} followed by a blank, '/' or '>'. */
    private static boolean tag(byte[] b, int i, String name) {
        int n = name.length();
        if (i + 1 + n >= b.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + 1 + k] != name.charAt(k)) {
                return false;
            }
        }
        byte c = b[i + 1 + n];
        return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** The text of {@code <name>TEXT</name>} starting at i, unescaped, or null when not that simple. */
    private static String text(byte[] b, int i, String name) {
        int gt = indexOf(b, (byte) '>', i);
        if (gt < 0 || b[gt - 1] == '/') {
            return null;
        }
        int end = indexOf(b, "</" + name + ">", gt + 1);
        if (end < 0) {
            return null;
        }
        String raw = new String(b, gt + 1, end - gt - 1, StandardCharsets.UTF_8);
        if (raw.indexOf('<') >= 0) {
            return null;
        }
        return unescape(raw);
    }

    private static final java.util.regex.Pattern ID_ATTR =
            java.util.regex.Pattern.compile("\\sid\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    /** The value of attribute {@code name} (only "id" is asked for) in the tag at i, unescaped; null if absent. */
    private static String attr(byte[] b, int i, String name) {
        int gt = indexOf(b, (byte) '>', i);
        if (gt < 0) {
            return null;
        }
        String tag = new String(b, i, gt - i, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = ID_ATTR.matcher(tag);
        if (!m.find()) {
            return null;
        }
        return unescape(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** XML's predefined entities and character references; anything else is left (and would not match). */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi < 0) {
                out.append(c);
                continue;
            }
            String ent = s.substring(i + 1, semi);
            switch (ent) {
                case "amp" -> out.append('&');
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "quot" -> out.append('"');
                case "apos" -> out.append('\'');
                default -> {
                    try {
                        if (ent.startsWith("#x")) {
                            out.appendCodePoint(Integer.parseInt(ent.substring(2), 16));
                        } else if (ent.startsWith("#")) {
                            out.appendCodePoint(Integer.parseInt(ent.substring(1)));
                        } else {
                            out.append(s, i, semi + 1);
                        }
                    } catch (IllegalArgumentException e) {
                        out.append(s, i, semi + 1);     // not a reference the parser would accept either
                    }
                }
            }
            i = semi;
        }
        return out.toString();
    }

    private static boolean startsWith(byte[] b, int i, String s) {
        if (i + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, String s, int from) {
        byte first = (byte) s.charAt(0);
        for (int i = from; (i = indexOf(b, first, i)) >= 0; i++) {
            if (startsWith(b, i, s)) {
                return i;
            }
        }
        return -1;
    }
}
