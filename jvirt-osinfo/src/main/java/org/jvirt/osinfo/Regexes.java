package org.jvirt.osinfo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The database's regular expressions (media volume ids, treeinfo fields), matched as libosinfo's match_regex
 * does: an absent pattern matches anything, an absent value matches nothing, and a pattern matches when it is
 * found anywhere in the value (g_regex_match_simple, unanchored). Compiled once each and shared.
 */
final class Regexes {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    /** Stands for a pattern Java cannot compile: it matches nothing, where GRegex would have failed too. */
    private static final Pattern NEVER = Pattern.compile("(?!)");

    private Regexes() {
    }

    static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return CACHE.computeIfAbsent(pattern, Regexes::compile).matcher(value).find();
    }

    private static Pattern compile(String p) {
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            return NEVER;
        }
    }
}
