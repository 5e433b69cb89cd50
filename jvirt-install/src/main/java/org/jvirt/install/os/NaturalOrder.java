package org.jvirt.install.os;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * virt-install's order of OS names ({@code OSDB.list_os}'s alphanum_key): a name split into text and digit runs,
 * text compared lower-cased, numbers compared as numbers but descending, so "debian11" comes before "debian10".
 */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        List<Object> ka = key(a);
        List<Object> kb = key(b);
        for (int i = 0; i < Math.min(ka.size(), kb.size()); i++) {
            Object x = ka.get(i);
            Object y = kb.get(i);
            int c = x instanceof String sx ? sx.compareTo((String) y)
                    : Long.compare((Long) x, (Long) y); // parts alternate text/number, so the kinds agree
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ka.size(), kb.size());
    }

    /** Python's re.split('([0-9]+)', s): text, number, text, ... (always starting and ending with text). */
    private static List<Object> key(String s) {
        List<Object> out = new ArrayList<>();
        Matcher m = DIGITS.matcher(s);
        int at = 0;
        while (m.find()) {
            out.add(s.substring(at, m.start()).toLowerCase(Locale.ROOT));
            out.add(-Long.parseLong(m.group().length() > 18 ? m.group().substring(0, 18) : m.group()));
            at = m.end();
        }
        out.add(s.substring(at).toLowerCase(Locale.ROOT));
        return out;
    }
}
