package org.jvirt.driver.nwfilter.conf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An attribute's value: a literal (already in nftables' words), or a variable ({@code $IP}, {@code $IP[2]} for
 * one element of a list, {@code $IP[@1]} for lists walked together with others of iterator 1).
 */
public sealed interface Value {

    Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(?:\\[(@?)(\\d+)\\])?");

    record Literal(String text) implements Value {
    }

    /**
     * @param name     the variable
     * @param index    an element of its list, or -1 for every element in turn
     * @param iterator the iterator id of {@code [@n]} (lists of one id go in step), or -1
     */
    record Variable(String name, int index, int iterator) implements Value {
        /** The key that decides which variables iterate together. */
        public String iteratorKey() {
            return iterator >= 0 ? "@" + iterator : "$" + name;
        }
    }

    /** Parses one attribute's text; a literal is checked against its kind. */
    static Value parse(String attribute, String text, Kind kind) {
        Matcher m = VARIABLE.matcher(text.trim());
        if (m.matches()) {
            if (m.group(3) == null) {
                return new Variable(m.group(1), -1, -1);
            }
            int n = Integer.parseInt(m.group(3));
            return m.group(2).isEmpty() ? new Variable(m.group(1), n, -1) : new Variable(m.group(1), -1, n);
        }
        String c = kind.canonical(text);
        if (c == null) {
            throw Errors.of(org.jvirt.ErrorNumber.INTERNAL_ERROR, "%s has illegal value %s", attribute, text);
        }
        return new Literal(c);
    }
}
