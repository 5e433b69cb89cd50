package org.jvirt.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict parser of Prometheus' text exposition format 0.0.4 (the Java client has a writer but no parser): every
 * sample belongs to a family announced by # TYPE before it, names and label names are valid, label values are
 * properly escaped, no series appears twice, counters end in _total, histogram buckets are cumulative and end
 * at +Inf equal to _count. Anything else is an AssertionError naming the line.
 */
final class PromText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> types = new LinkedHashMap<>();
    final Map<String, String> help = new HashMap<>();
    final List<Sample> samples = new java.util.ArrayList<>();

    static PromText parse(String text) {
        PromText p = new PromText();
        Set<String> seen = new HashSet<>();
        String family = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] f = line.substring(7).split(" ", 2);
                check(f[0].matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), n, line);
                p.help.put(f[0], f.length > 1 ? f[1] : "");
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] f = line.substring(7).split(" ");
                check(f.length == 2 && f[1].matches("counter|gauge|histogram|summary|untyped"), n, line);
                check(!p.types.containsKey(f[0]), n, "TYPE given twice: " + line);
                p.types.put(f[0], f[1]);
                family = f[0];
                continue;
            }
            check(!line.startsWith("#"), n, line);
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            check(name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), n, "bad name: " + line);
            Map<String, String> labels = new TreeMap<>();
            int i = name.length();
            if (i < line.length() && line.charAt(i) == '{') {
                i++;
                while (line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String ln = line.substring(i, eq);
                    check(ln.matches("[a-zA-Z_][a-zA-Z0-9_]*"), n, "bad label name: " + line);
                    check(line.charAt(eq + 1) == '"', n, line);
                    StringBuilder v = new StringBuilder();
                    int j = eq + 2;
                    while (line.charAt(j) != '"') {
                        char c = line.charAt(j);
                        if (c == '\\') {
                            char e = line.charAt(++j);
                            check(e == '\\' || e == '"' || e == 'n', n, "bad escape: " + line);
                            v.append(e == 'n' ? '\n' : e);
                        } else {
                            v.append(c);
                        }
                        j++;
                    }
                    check(labels.put(ln, v.toString()) == null, n, "label twice: " + line);
                    i = j + 1;
                    if (line.charAt(i) == ',') {
                        i++;
                    }
                }
                i++;
            }
            check(line.charAt(i) == ' ', n, line);
            String[] rest = line.substring(i + 1).split(" ");
            check(rest.length <= 2, n, line);
            double value = switch (rest[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(rest[0]);
            };
            check(family != null && belongs(name, family, p.types.get(family)), n,
                    "sample outside its family " + family + ": " + line);
            check(seen.add(name + labels), n, "series twice: " + line);
            p.samples.add(new Sample(name, labels, value));
        }
        p.checkHistograms();
        return p;
    }

    private static boolean belongs(String name, String family, String type) {
        return switch (type) {
            // 0.0.4 names a counter's family with its _total (the Java client does); OpenMetrics without
            case "counter" -> name.endsWith("_total") && (name.equals(family) || name.equals(family + "_total"));
            case "histogram" -> name.equals(family + "_bucket") || name.equals(family + "_count")
                    || name.equals(family + "_sum") || name.equals(family + "_created");
            case "summary" -> name.equals(family) || name.equals(family + "_count") || name.equals(family + "_sum");
            default -> name.equals(family);
        };
    }

    private void checkHistograms() {
        for (var e : types.entrySet()) {
            if (!e.getValue().equals("histogram")) {
                continue;
            }
            Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(e.getKey() + "_bucket")) {
                    Map<String, String> k = new TreeMap<>(s.labels());
                    k.remove("le");
                    buckets.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(s);
                }
            }
            for (var b : buckets.entrySet()) {
                double prev = 0;
                double prevLe = Double.NEGATIVE_INFINITY;
                for (Sample s : b.getValue()) {
                    double le = s.labels().get("le").equals("+Inf") ? Double.POSITIVE_INFINITY
                            : Double.parseDouble(s.labels().get("le"));
                    check(le > prevLe && s.value() >= prev, 0, "buckets not cumulative: " + b.getValue());
                    prev = s.value();
                    prevLe = le;
                }
                check(prevLe == Double.POSITIVE_INFINITY, 0, "no +Inf bucket");
                check(value(e.getKey() + "_count", b.getKey()) == prev, 0, "+Inf bucket != _count");
            }
        }
    }

    /** The value of one series; AssertionError when absent. */
    double value(String name, Map<String, String> labels) {
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().equals(new TreeMap<>(labels))) {
                return s.value();
            }
        }
        throw new AssertionError("no " + name + labels);
    }

    List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static void check(boolean ok, int line, String what) {
        if (!ok) {
            throw new AssertionError("line " + line + ": " + what);
        }
    }
}
