package org.jvirt.driver.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * libvirt 9.0's own XML test data (its source package's {@code tests/*data} directories, unpacked by
 * {@code scripts/setup-test-deps.sh}, never committed) defined in libvirt's test driver through python3-libvirt and in
 * ours, document by document, each on a fresh test:///default. Both must accept, or both refuse with the same error
 * code; what both accept must be written back as the same XML tree. Every document where they part is listed in
 * {@code corpus/known-differences.txt} with the category of the difference: a new difference fails this test, and
 * so does a listed one that is gone (take it off the list). {@code -Djvirt.corpus.record=FILE} writes the current
 * list to FILE instead of failing; {@code -Djvirt.corpus.dump=DIR} writes both sides' XML of every difference there.
 */
class CorpusDifferentialTest {

    /** Where the set-up script unpacks the source; JVIRT_LIBVIRT_SRC or -Djvirt.libvirt.src names another. */
    static final Path DEFAULT_CACHE = Path.of("/var/cache/jvirt-tests/libvirt-src");

    /** The corpus directories of each kind (under tests/), in libvirt's naming. */
    static final Map<String, List<String>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("domain", List.of("qemuxml2argvdata", "genericxml2xmlindata", "domainschemadata"));
        KINDS.put("network", List.of("networkxml2xmlin"));
        KINDS.put("pool", List.of("storagepoolxml2xmlin"));
        KINDS.put("volume", List.of("storagevolxml2xmlin"));
        KINDS.put("nodedev", List.of("nodedevschemadata"));
        KINDS.put("secret", List.of("secretxml2xmlin"));
        KINDS.put("nwfilter", List.of("nwfilterxml2xmlin"));
        KINDS.put("snapshot", List.of("qemudomainsnapshotxml2xmlin"));
        KINDS.put("checkpoint", List.of("qemudomaincheckpointxml2xmlin"));
    }

    /** A document's outcome on one side: the XML written back, or the error code and message. */
    record Outcome(boolean ok, String xml, int code, String message) {
        static Outcome accepted(String xml) {
            return new Outcome(true, xml, 0, null);
        }

        static Outcome refused(int code, String message) {
            return new Outcome(false, null, code, message);
        }

        @Override
        public String toString() {
            return ok ? "accepted" : "refused " + code + " (" + message + ")";
        }
    }

    record Doc(String kind, Path path, String label) {
    }

    @Test
    void sameSemanticsAsLibvirt() throws Exception {
        Path src = sourceDir();
        assumeTrue(src != null, "libvirt's source is not unpacked; run scripts/setup-test-deps.sh");
        assumeTrue(RealLibvirt.available(), "python3-libvirt not installed");

        List<Doc> docs = documents(src.resolve("tests"));
        Map<String, Outcome> real = libvirt(docs);
        Map<String, String> actual = new TreeMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Doc d : docs) {
            Outcome theirs = real.get(d.path().toString());
            Outcome ours = jvirt(d);
            String diff = difference(theirs, ours, generated(d));
            // docs, both accept, both refuse with the same code, same XML among both-accepted
            int[] n = counts.computeIfAbsent(d.kind(), k -> new int[4]);
            n[0]++;
            if (theirs.ok() && ours.ok()) {
                n[1]++;
                if (diff == null) {
                    n[3]++;
                }
            } else if (!theirs.ok() && !ours.ok() && theirs.code() == ours.code()) {
                n[2]++;
            }
            if (diff != null) {
                // one line per document in the list: libvirt's schema errors span several
                actual.put(d.label(), diff.replaceAll("\\s*[\\r\\n\\t]\\s*", " "));
                dump(d, theirs, ours);
            }
        }
        StringBuilder report = new StringBuilder("corpus differential (libvirt " + src.getFileName() + "):\n");
        counts.forEach((k, n) -> report.append(String.format(
                "  %-10s %4d documents: %4d accepted by both (%4d same XML), %4d refused by both with the same code%n",
                k, n[0], n[1], n[3], n[2])));
        Map<String, Integer> categories = new TreeMap<>();
        actual.values().forEach(c -> categories.merge(c.replaceAll(" \\(.*", ""), 1, Integer::sum));
        report.append("  differences by category:\n");
        categories.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> report.append(String.format("  %5d %s%n", e.getValue(), e.getKey())));
        System.out.print(report);

        String record = System.getProperty("jvirt.corpus.record");
        if (record != null) {
            StringBuilder sb = new StringBuilder(HEADER);
            actual.forEach((file, cat) -> sb.append(file).append('\t').append(cat).append('\n'));
            Files.writeString(Path.of(record), sb.toString());
            return;
        }
        Map<String, String> known = known();
        List<String> problems = new ArrayList<>();
        actual.forEach((file, cat) -> {
            String k = known.get(file);
            if (k == null) {
                problems.add("new difference: " + file + "\t" + cat);
            } else if (!k.equals(cat)) {
                problems.add("changed: " + file + "\n    listed: " + k + "\n    now:    " + cat);
            }
        });
        known.keySet().stream().filter(f -> !actual.containsKey(f))
                .forEach(f -> problems.add("fixed (remove it from corpus/known-differences.txt): " + f));
        assertTrue(problems.isEmpty(), problems.size() + " unlisted changes:\n" + String.join("\n", problems));
    }

    static final String HEADER = """
            # Documents of libvirt 9.0's test data where jvirt's test driver and libvirt's part, with the category
            # of the difference (CorpusDifferentialTest writes it with -Djvirt.corpus.record=FILE):
            #   jvirt refuses N / jvirt accepts      one side accepts, the other refuses (N: jvirt's error code)
            #   error code L vs N                     both refuse, libvirt with code L, jvirt with N
            #   xml PATH: WHAT                        both accept; the written-back XML first differs at PATH
            # Elements made up afresh (a missing uuid, a network's mac, a snapshot's creationTime and default name)
            # are left out of the comparison. Why the documents part, by category:
            #   jvirt accepts: libvirt validates more (virDomainDefValidate, the post-parse checks): character
            #     device sources, duplicate host devices, PCI address ranges, cache and memory tunes, boot menu
            #     timeout, graphics listen/socket consistency, disk secrets, snapshot disk names and modes.
            #   xml /pool/source child order, /volume/@type, /volume/target/permissions: the storage formatter's
            #     element order and its reading of the definition (volume type from the pool, octal mode).
            #   xml /domain/...: one-off defaults and normalisations of libvirt's domain parser and formatter not
            #     repeated by jvirt's test driver (USB companion masters, shmem model, vcpusched, hyperv mode,
            #     zPCI fids, CCW device numbers, disk mirrors, channel ports, namespaced metadata).
            #   xml /network/...: the network formatter's defaults (forward interfaces, ipv6, mac).
            #   checkpoint: jvirt has no checkpoint API yet (no support); libvirt checks the document first.
            # nodedev (libvirt's test driver only creates vHBAs under an fc_host), secret and nwfilter (no such
            # driver in libvirt's in-process test:///default) are refused by both with the same code.
            """;

    private static void dump(Doc d, Outcome theirs, Outcome ours) throws IOException {
        String dir = System.getProperty("jvirt.corpus.dump");
        if (dir == null) {
            return;
        }
        Path base = Path.of(dir, d.label().replace('/', '_'));
        Files.createDirectories(base.getParent());
        Files.writeString(Path.of(base + ".libvirt"), theirs.ok() ? theirs.xml() : theirs.toString());
        Files.writeString(Path.of(base + ".jvirt"), ours.ok() ? ours.xml() : ours.toString());
    }

    /** The unpacked libvirt source: the property, the environment, or the set-up script's cache. */
    static Path sourceDir() throws IOException {
        String named = System.getProperty("jvirt.libvirt.src", System.getenv("JVIRT_LIBVIRT_SRC"));
        if (named != null) {
            Path p = Path.of(named);
            return Files.isDirectory(p.resolve("tests")) ? p : null;
        }
        if (!Files.isDirectory(DEFAULT_CACHE)) {
            return null;
        }
        try (Stream<Path> s = Files.list(DEFAULT_CACHE)) {
            return s.filter(p -> p.getFileName().toString().startsWith("libvirt-")
                    && Files.isDirectory(p.resolve("tests"))).sorted().findFirst().orElse(null);
        }
    }

    static List<Doc> documents(Path tests) throws IOException {
        List<Doc> out = new ArrayList<>();
        for (var e : KINDS.entrySet()) {
            for (String dir : e.getValue()) {
                Path d = tests.resolve(dir);
                if (!Files.isDirectory(d)) {
                    continue;
                }
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.toString().endsWith(".xml")).sorted()
                            .forEach(p -> out.add(new Doc(e.getKey(), p, dir + "/" + p.getFileName())));
                }
            }
        }
        return out;
    }

    /** All documents through one python process: path → outcome. */
    static Map<String, Outcome> libvirt(List<Doc> docs) throws IOException, InterruptedException {
        Path script = Files.createTempFile("jvirt-corpus", ".py");
        try (InputStream in = CorpusDifferentialTest.class.getResourceAsStream("/corpus/define_batch.py")) {
            Files.write(script, in.readAllBytes());
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream os = p.getOutputStream()) {
                    for (Doc d : docs) {
                        os.write((d.kind() + "\t" + d.path() + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Map<String, Outcome> res = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    String[] f = line.split("\t", -1);
                    res.put(unescape(f[0]), f[1].equals("OK") ? Outcome.accepted(unescape(f[2]))
                            : Outcome.refused(Integer.parseInt(f[2]), unescape(f[3])));
                }
            }
            feeder.join();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || res.size() != docs.size()) {
                throw new IllegalStateException("python batch failed after " + res.size() + " documents");
            }
            return res;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Undoes the batch script's escaping of backslash, newline and tab. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The same document on our test driver, on a fresh test:///default. */
    static Outcome jvirt(Doc d) throws IOException {
        String xml = Files.readString(d.path(), StandardCharsets.UTF_8);
        try (Connect c = Connect.open("test:///default")) {
            return Outcome.accepted(switch (d.kind()) {
                case "domain" -> c.domainDefineXML(xml).getXMLDesc();
                case "network" -> c.networkDefineXML(xml).getXMLDesc();
                case "pool" -> c.storagePoolDefineXML(xml).getXMLDesc();
                case "volume" -> c.storagePoolLookupByName("default-pool").storageVolCreateXML(xml).getXMLDesc();
                case "nodedev" -> c.nodeDeviceCreateXML(xml).getXMLDesc();
                case "secret" -> c.secretDefineXML(xml).getXMLDesc();
                case "nwfilter" -> c.nwfilterDefineXML(xml).getXMLDesc();
                case "snapshot" -> c.domainLookupByName("test").snapshotCreateXML(xml).getXMLDesc();
                // jvirt has no checkpoint API yet: libvirt's answer for a function a driver lacks
                case "checkpoint" -> throw new VirtException(VirtError.of(ErrorDomain.DOMAIN, ErrorNumber.NO_SUPPORT,
                        "virDomainCheckpointCreateXML"));
                default -> throw new IllegalArgumentException(d.kind());
            });
        } catch (VirtException e) {
            return Outcome.refused(e.error().code(), e.error().displayMessage());
        } catch (RuntimeException e) {
            // a crash on our side is a difference of its own, not a test error
            return Outcome.refused(-1, e.toString());
        }
    }

    /** The category of a difference, or null when both sides agree. */
    static String difference(Outcome theirs, Outcome ours, List<String> generated) {
        if (theirs.ok() && !ours.ok()) {
            return "jvirt refuses " + ours.code() + " (" + ours.message() + ")";
        }
        if (!theirs.ok() && ours.ok()) {
            return "jvirt accepts (libvirt: " + theirs.code() + " " + theirs.message() + ")";
        }
        if (!theirs.ok()) {
            return theirs.code() == ours.code() ? null
                    : "error code " + theirs.code() + " vs " + ours.code() + " (" + theirs.message() + " | "
                            + ours.message() + ")";
        }
        String where = TreeDiff.first(theirs.xml(), ours.xml(), generated);
        return where == null ? null : "xml " + where;
    }

    /**
     * The top-level elements both sides make up afresh for this document (a random UUID or MAC address, the time
     * of creation and the snapshot name taken from it): they cannot be equal and are left out of the comparison.
     */
    static List<String> generated(Doc d) throws IOException {
        String xml = Files.readString(d.path(), StandardCharsets.UTF_8);
        List<String> g = new ArrayList<>();
        if (!xml.contains("<uuid")) {
            g.add("uuid");
        }
        if (d.kind().equals("network") && !xml.contains("<mac")) {
            g.add("mac");
        }
        if (d.kind().equals("snapshot")) {
            g.add("creationTime");
            if (!xml.contains("<name")) {
                g.add("name");
            }
        }
        return g;
    }

    private static Map<String, String> known() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = CorpusDifferentialTest.class.getResourceAsStream("/corpus/known-differences.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int tab = line.indexOf('\t');
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return m;
    }

    /** Where two XML trees first part: element path and what differs there (whitespace and attribute order aside). */
    static final class TreeDiff {
        private TreeDiff() {
        }

        static String first(String libvirtXml, String jvirtXml, List<String> generated) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element a = f.newDocumentBuilder().parse(new ByteArrayInputStream(
                        libvirtXml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
                Element b = f.newDocumentBuilder().parse(new ByteArrayInputStream(
                        jvirtXml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
                for (Element root : List.of(a, b)) {
                    for (Element k : kids(root)) {
                        if (generated.contains(k.getNodeName())) {
                            root.removeChild(k);
                        }
                    }
                }
                if (!a.getNodeName().equals(b.getNodeName())) {
                    return "/: root " + a.getNodeName() + " vs " + b.getNodeName();
                }
                return first(a, b, "/" + a.getNodeName());
            } catch (Exception e) {
                return "/: unparsable (" + e.getMessage() + ")";
            }
        }

        private static String first(Element a, Element b, String path) {
            Map<String, String> aa = attrs(a);
            Map<String, String> ba = attrs(b);
            for (String k : aa.keySet()) {
                if (!ba.containsKey(k)) {
                    return path + "/@" + k + ": missing in jvirt";
                }
                if (!aa.get(k).equals(ba.get(k))) {
                    return path + "/@" + k + ": value";
                }
            }
            for (String k : ba.keySet()) {
                if (!aa.containsKey(k)) {
                    return path + "/@" + k + ": extra in jvirt";
                }
            }
            List<Element> ka = kids(a);
            List<Element> kb = kids(b);
            if (ka.isEmpty() && kb.isEmpty()) {
                return a.getTextContent().trim().equals(b.getTextContent().trim()) ? null : path + ": text";
            }
            List<String> na = ka.stream().map(Element::getNodeName).toList();
            List<String> nb = kb.stream().map(Element::getNodeName).toList();
            if (!na.equals(nb)) {
                for (String n : na) {
                    if (count(na, n) > count(nb, n)) {
                        return path + "/" + n + ": missing in jvirt";
                    }
                }
                for (String n : nb) {
                    if (count(nb, n) > count(na, n)) {
                        return path + "/" + n + ": extra in jvirt";
                    }
                }
                return path + ": child order";
            }
            for (int i = 0; i < ka.size(); i++) {
                String d = first(ka.get(i), kb.get(i), path + "/" + na.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }

        private static long count(List<String> l, String n) {
            return l.stream().filter(n::equals).count();
        }

        private static Map<String, String> attrs(Element e) {
            Map<String, String> m = new TreeMap<>();
            var n = e.getAttributes();
            for (int i = 0; i < n.getLength(); i++) {
                m.put(n.item(i).getNodeName(), n.item(i).getNodeValue());
            }
            return m;
        }

        private static List<Element> kids(Element e) {
            List<Element> out = new ArrayList<>();
            for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c) {
                    out.add(c);
                }
            }
            return out;
        }
    }
}
