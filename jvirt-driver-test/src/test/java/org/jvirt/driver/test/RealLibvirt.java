package org.jvirt.driver.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jvirt.VirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Runs a step script on libvirt's real test driver through /usr/bin/python3 and libvirt-python, and the same
 * steps on ours, then compares outcome by outcome: value, or error code, domain and message. XML values compare
 * as DOM trees, ignoring whitespace between elements and attribute order. Each result travels as one line,
 * {@code label \t OK \t value} or {@code label \t ERR \t code \t domain \t message}, newlines escaped.
 */
final class RealLibvirt {

    private static final String PRELUDE = """
            import libvirt, sys
            libvirt.registerErrorHandler(lambda c, e: None, None)
            c = libvirt.open('test:///default')
            def norm(v):
                if v is None: return '0'
                if isinstance(v, bool): return '1' if v else '0'
                if isinstance(v, (list, tuple)): return ','.join(sorted(norm(x) for x in v))
                return str(v)
            def t(label, f):
                try:
                    v = norm(f())
                    out = [label, 'OK', v]
                except libvirt.libvirtError as e:
                    out = [label, 'ERR', str(e.get_error_code()), str(e.get_error_domain()), e.get_error_message()]
                sys.stdout.write('\\t'.join(x.replace('\\\\', '\\\\\\\\').replace('\\n', '\\\\n').replace('\\t', ' ') for x in out) + '\\n')
            """;

    private RealLibvirt() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import libvirt").redirectErrorStream(true)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs the python steps (using {@code c}, {@code t(label, fn)}); returns label → outcome. */
    static Map<String, List<String>> run(String steps) throws IOException, InterruptedException {
        Path script = Files.createTempFile("jvirt-diff", ".py");
        try {
            Files.writeString(script, PRELUDE + steps.stripIndent());
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("python failed: " + err);
            }
            Map<String, List<String>> res = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    List<String> f = new ArrayList<>();
                    for (String x : line.split("\t", -1)) {
                        f.add(x.replace("\\n", "\n").replace("\\\\", "\\"));
                    }
                    res.put(f.get(0), f.subList(1, f.size()));
                }
            }
            return res;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Our side of one step, in the same shape. */
    static List<String> ours(Supplier<Object> f) {
        try {
            return List.of("OK", norm(f.get()));
        } catch (VirtException e) {
            return List.of("ERR", Integer.toString(e.error().code()), Integer.toString(e.error().domain()),
                    e.error().displayMessage());
        }
    }

    static String norm(Object v) {
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(RealLibvirt::norm).sorted().toList());
        }
        return String.valueOf(v);
    }

    /** Equal outcomes; XML documents compared as trees. */
    static boolean same(List<String> a, List<String> b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.size() == 2 && b.size() == 2 && a.get(0).equals("OK") && b.get(0).equals("OK")
                && a.get(1).trim().startsWith("<") && b.get(1).trim().startsWith("<")) {
            return xmlEquals(a.get(1), b.get(1));
        }
        return false;
    }

    static boolean xmlEquals(String x, String y) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document a = f.newDocumentBuilder().parse(new ByteArrayInputStream(x.getBytes(StandardCharsets.UTF_8)));
            Document b = f.newDocumentBuilder().parse(new ByteArrayInputStream(y.getBytes(StandardCharsets.UTF_8)));
            return same(a.getDocumentElement(), b.getDocumentElement());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean same(Element a, Element b) {
        if (!a.getNodeName().equals(b.getNodeName()) || !attrs(a).equals(attrs(b))) {
            return false;
        }
        List<Element> ka = kids(a);
        List<Element> kb = kids(b);
        if (ka.isEmpty() && kb.isEmpty()) {
            return a.getTextContent().trim().equals(b.getTextContent().trim());
        }
        if (ka.size() != kb.size()) {
            return false;
        }
        for (int i = 0; i < ka.size(); i++) {
            if (!same(ka.get(i), kb.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> attrs(Element e) {
        Map<String, String> m = new java.util.TreeMap<>();
        NamedNodeMap n = e.getAttributes();
        for (int i = 0; i < n.getLength(); i++) {
            m.put(n.item(i).getNodeName(), n.item(i).getNodeValue());
        }
        return m;
    }

    private static List<Element> kids(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
