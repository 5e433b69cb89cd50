package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The whole installed database, OS by OS, against the real libosinfo 1.10 (through GObject introspection, the
 * way virt-install reads it): identity, relations, inherited devices, the complete firmware list, resources with
 * inheritance, variants, media, trees, images and install scripts must be the same facts.
 */
class LibosinfoDifferentialTest {
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void everyOsHasTheFactsLibosinfoComputes() throws Exception {
        Peers.assumeInstalled(PYTHON);
        Path script = Path.of(getClass().getResource("libosinfo-dump.py").toURI());
        Peers.Result real = Peers.run(List.of(PYTHON, script.toString(), OsinfoDb.SYSTEM_DIR.toString()), Map.of());
        assertEquals(0, real.rc(), real.err());
        Map<String, List<String>> expected = byOs(real.out());

        OsinfoDb db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR));
        StringBuilder ours = new StringBuilder();
        for (Os os : db.all()) {
            ours.append(FactDump.facts(os));
        }
        Map<String, List<String>> actual = byOs(ours.toString());

        assertEquals(expected.keySet(), actual.keySet(), "the same OSes");
        assertTrue(expected.size() > 700, "the installed database: " + expected.size());
        List<String> wrong = new ArrayList<>();
        for (String id : expected.keySet()) {
            if (!expected.get(id).equals(actual.get(id))) {
                wrong.add(id + "\n  libosinfo: " + expected.get(id) + "\n  jvirt:     " + actual.get(id));
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(3, wrong.size())), wrong.size() + " OSes differ");
    }

    /** Facts per OS, sorted: libosinfo's list orders come from hash tables. */
    static Map<String, List<String>> byOs(String dump) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String line : dump.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String id = line.substring(0, line.indexOf('\t'));
            m.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
        }
        m.values().forEach(l -> l.sort(null));
        return m;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
