package org.jvirt.install.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.install.InstallErrors;

/**
 * One option's value split as virt-install's parser splits it: comma-separated items, each {@code key=value} or
 * a bare word; quotes (single or double) protect commas inside a value and are removed. A bare first item is kept
 * apart (virt-install's "cliarg" positional, e.g. the path in {@code --disk /p,bus=sata}).
 */
public final class SubOptions {
    private final String option;
    private final List<String> bare = new ArrayList<>();
    private final Map<String, String> keyed = new LinkedHashMap<>();

    private SubOptions(String option) {
        this.option = option;
    }

    public static SubOptions parse(String option, String value) {
        SubOptions s = new SubOptions(option);
        for (String item : split(value == null ? "" : value)) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                s.bare.add(item);
            } else {
                s.keyed.put(item.substring(0, eq), unquote(item.substring(eq + 1)));
            }
        }
        return s;
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    public List<String> bare() {
        return bare;
    }

    /** The first bare item, or null. */
    public String first() {
        return bare.isEmpty() ? null : bare.get(0);
    }

    /** Takes a keyed value (any of the spellings), or null. */
    public String take(String... keys) {
        String found = null;
        for (String k : keys) {
            String v = keyed.remove(k);
            if (v != null && found == null) {
                found = v;
            }
        }
        return found;
    }

    /** Takes an on/off value (virt-install's yes/no/on/off/true/false/1/0). */
    public Boolean takeBool(String... keys) {
        String v = take(keys);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "yes", "true", "1" -> true;
            case "off", "no", "false", "0" -> false;
            default -> throw InstallErrors.invalid("%s: expected on or off for a boolean, not '%s'", option, v);
        };
    }

    /** Fails, as virt-install does, on a key no one took. */
    public void done() {
        if (!keyed.isEmpty()) {
            String key = keyed.keySet().iterator().next();
            throw InstallErrors.invalid("Unknown %s options: ['%s']", option, key);
        }
    }
}
