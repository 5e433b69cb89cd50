package org.jvirt.osinfo.query;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.osinfo.Entity;
import org.jvirt.osinfo.GListSort;
import org.jvirt.osinfo.OsinfoDb;
import org.jvirt.osinfo.OsinfoException;

/**
 * {@code jvirt-osinfo-query [--sort KEY] [--fields K1,K2] TYPE [KEY=VALUE ...]}: lists the database's OSes,
 * platforms or devices as {@code osinfo-query} does: the same table, padding, sort (GLib's merge sort with
 * osinfo-query's comparator, byte-wise), filters (every condition must equal one of the entity's values of that
 * property), messages and exit status (1 when nothing matches).
 */
public final class OsinfoQuery {
    private final PrintStream out;
    private final PrintStream err;

    public OsinfoQuery(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int rc = new OsinfoQuery(out, System.err).run(OsinfoDb::loadDefault, args);
        out.flush();
        System.exit(rc);
    }

    /** Runs the command on the database {@code db} supplies; returns the exit status. */
    public int run(java.util.function.Supplier<OsinfoDb> db, String... argv) {
        String sortKey = null;
        String fields = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--")) {
                rest.addAll(Arrays.asList(argv).subList(i + 1, argv.length));
                break;
            }
            if (a.equals("-h") || a.equals("--help")) {
                out.print(help());
                return 0;
            }
            String[] opt = option(a, "-s", "--sort");
            String[] fopt = option(a, "-f", "--fields");
            String[] which = opt != null ? opt : fopt;
            if (which != null) {
                String value = which[0];
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        err.print("Error while parsing commandline options: Missing argument for " + a + "\n");
                        err.print(help() + "\n");
                        return 1;
                    }
                    value = argv[++i];
                }
                if (opt != null) {
                    sortKey = value;
                } else {
                    fields = value;
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                err.print("Error while parsing commandline options: Unknown option " + a + "\n");
                err.print(help() + "\n");
                return 1;
            } else {
                rest.add(a);
            }
        }
        if (rest.isEmpty()) {
            err.print("Missing data type parameter\n");
            return 1;
        }
        QueryType type = QueryType.of(rest.get(0));
        if (type == null) {
            err.print("Unknown type '" + rest.get(0) + "' requested\n");
            return 1;
        }
        Map<String, List<String>> filter = new LinkedHashMap<>();
        for (String cond : rest.subList(1, rest.size())) {
            int eq = cond.indexOf('=');
            if (eq < 0) {
                err.print("Unable to construct filter: Syntax error in condition, expecting KEY=VALUE\n");
                return 1;
            }
            String key = cond.substring(0, eq);
            if (type.columns().stream().noneMatch(c -> c.property().equals(key))) {
                err.print("Unable to construct filter: Unknown property name " + key + "\n");
                return 1;
            }
            filter.computeIfAbsent(key, k -> new ArrayList<>()).add(cond.substring(eq + 1));
        }
        List<Column> shown = type.columns().stream().filter(Column::shownByDefault).toList();
        if (fields != null) {
            List<String> wanted = Arrays.asList(fields.split(",", -1));
            for (String w : wanted) {
                if (type.columns().stream().noneMatch(c -> c.property().equals(w))) {
                    err.print("Unable to set field visibility: Unknown property name " + w + "\n");
                    return 1;
                }
            }
            shown = type.columns().stream().filter(c -> wanted.contains(c.property())).toList();
        }
        String key = sortKey != null ? sortKey : type.columns().get(0).property();
        List<Entity> matched;
        try {
            OsinfoDb database = db.get();
            matched = candidates(type, database, filter).stream().filter(e -> matches(e, filter)).toList();
            if (!uniqueKeys(matched, key)) {
                // rows with equal sort keys stay in libosinfo's list order, as GLib's stable sort leaves them
                matched = database.inLibosinfoOrder(matched);
            }
        } catch (OsinfoException e) {
            err.print("Error loading OS data: " + e.getMessage() + "\n");
            return 1;
        }
        List<Entity> sorted = GListSort.sort(matched, (a, b) -> compare(value(a, key), value(b, key)));
        print(shown, sorted);
        return sorted.isEmpty() ? 1 : 0;
    }

    /** {@code -s VALUE}, {@code -sVALUE}, {@code --sort VALUE}, {@code --sort=VALUE}; null when not this option. */
    private static String[] option(String a, String shortName, String longName) {
        if (a.equals(shortName) || a.equals(longName)) {
            return new String[] {null};
        }
        if (a.startsWith(longName + "=")) {
            return new String[] {a.substring(longName.length() + 1)};
        }
        if (a.startsWith(shortName) && !a.startsWith("--")) {
            return new String[] {a.substring(shortName.length())};
        }
        return null;
    }

    /**
     * What the filter can match: for OSes asked for by short-id or id, that OS alone (a lookup, not a read of
     * the whole database); otherwise every entity of the type.
     */
    private static List<Entity> candidates(QueryType type, OsinfoDb db, Map<String, List<String>> filter) {
        if (type == QueryType.OS) {
            for (String prop : List.of("id", "short-id")) {
                List<String> wanted = filter.get(prop);
                if (wanted != null) {
                    return db.find(wanted.get(0)).map(os -> List.<Entity>of(os)).orElse(List.of());
                }
            }
        }
        return type.list(db);
    }

    /** Whether every row has a sort value and no two share one: then the starting order cannot show. */
    private static boolean uniqueKeys(List<Entity> rows, String key) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Entity e : rows) {
            String v = value(e, key);
            if (v == null || !seen.add(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Entity e, Map<String, List<String>> filter) {
        for (Map.Entry<String, List<String>> c : filter.entrySet()) {
            List<String> values = values(e, c.getKey());
            if (!values.containsAll(c.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> values(Entity e, String prop) {
        return prop.equals("id") ? List.of(e.id()) : e.properties(prop);
    }

    private static String value(Entity e, String prop) {
        return prop.equals("id") ? e.id() : e.property(prop).orElse(null);
    }

    /**
     * osinfo-query's sort_entity: strcmp of the two values; two missing values are equal, and when only one is
     * missing the answer is 1 whichever it is (not an order, hence GListSort).
     */
    private static int compare(String a, String b) {
        if (a == null && b == null) {
            return 0;
        }
        if (a == null || b == null) {
            return 1;
        }
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void print(List<Column> shown, List<Entity> rows) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Column c : shown) {
            b.append(first ? " " : " | ");
            first = false;
            pad(b, c.label(), c.width());
        }
        b.append('\n');
        first = true;
        for (Column c : shown) {
            b.append(first ? "-" : "-+-");
            first = false;
            b.append("-".repeat(c.width()));
        }
        b.append('\n');
        for (Entity e : rows) {
            first = true;
            for (Column c : shown) {
                b.append(first ? " " : " | ");
                first = false;
                pad(b, Optional.ofNullable(value(e, c.property())).orElse(""), c.width());
            }
            b.append('\n');
        }
        out.print(b);
    }

    /** The value and blanks up to the width, counted in bytes as osinfo-query's strlen counts them. */
    private static void pad(StringBuilder b, String v, int width) {
        b.append(v);
        int len = v.getBytes(StandardCharsets.UTF_8).length;
        if (len < width) {
            b.append(" ".repeat(width - len));
        }
    }

    private static String help() {
        return """
                Usage:
                  jvirt-osinfo-query [OPTION…] - Query the OS info database

                Help Options:
                  -h, --help       Show help options

                Application Options:
                  -s, --sort       Sort column
                  -f, --fields     Display fields

                """;
    }
}
