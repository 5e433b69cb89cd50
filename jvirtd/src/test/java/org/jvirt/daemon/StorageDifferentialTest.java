package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same pool and volume calls (storage-diff.py, python3-libvirt) on jvirtd and on a private real libvirtd 9.0:
 * the volume XML trees (paths, timestamps and the owning user aside, since libvirtd runs as nobody), what
 * qemu-img info says of each image, and the error codes and messages of bad input must be the same.
 */
class StorageDifferentialTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HostRootDaemon jvirtd;
    private static PrivateLibvirtd libvirtd;
    private static JsonNode ours;
    private static JsonNode theirs;
    private static Path ourDir;
    private static Path theirDir;

    @BeforeAll
    static void run() throws Exception {
        assumeTrue(PrivateLibvirtd.available() && Tools.hasPythonLibvirt(), "no libvirtd or python3-libvirt");
        jvirtd = new HostRootDaemon();
        libvirtd = new PrivateLibvirtd();
        Path script = jvirtd.dir.resolve("storage-diff.py");
        try (InputStream in = StorageDifferentialTest.class.getResourceAsStream("/storage-diff.py")) {
            Files.write(script, in.readAllBytes());
        }
        ourDir = Files.createDirectories(jvirtd.dir.resolve("diffpool"));
        theirDir = libvirtd.poolDir("diffpool");
        ours = runScript(script, jvirtd.uri(), ourDir);
        theirs = runScript(script, libvirtd.uri(), theirDir);
    }

    private static JsonNode runScript(Path script, String uri, Path dir) throws Exception {
        Tools.Result r = Tools.run(List.of(Tools.PYTHON.toString(), script.toString(), uri, dir.toString()), 120);
        assertEquals(0, r.code(), r::toString);
        return JSON.readTree(r.out());
    }

    @AfterAll
    static void stop() throws Exception {
        if (libvirtd != null) {
            libvirtd.close();
        }
        if (jvirtd != null) {
            jvirtd.close();
        }
    }

    /** What may differ: the pool directory, timestamps, the daemon's user, the host's free space. */
    private static String normal(String xml, Path dir) {
        return xml.replace(dir.toString(), "$POOL")
                .replaceAll("(?s)\\s*<timestamps>.*?</timestamps>", "")
                .replaceAll("<owner>\\d+</owner>", "<owner/>")
                .replaceAll("<group>\\d+</group>", "<group/>");
    }

    @Test
    void volumeXmlIsTheSame() {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        ours.get("volumes").fields().forEachRemaining(e -> a.put(e.getKey(), normal(e.getValue().get("xml").asText(),
                ourDir)));
        theirs.get("volumes").fields().forEachRemaining(e -> b.put(e.getKey(), normal(e.getValue().get("xml")
                .asText(), theirDir)));
        assertEquals(b.keySet(), a.keySet());
        for (String name : b.keySet()) {
            assertEquals(b.get(name), a.get(name), name);
        }
    }

    @Test
    void volumeInfoIsTheSame() {
        ours.get("volumes").fields().forEachRemaining(e -> assertEquals(
                theirs.get("volumes").get(e.getKey()).get("info").toString(), e.getValue().get("info").toString(),
                e.getKey()));
    }

    @Test
    void poolXmlIsTheSameApartFromSizes() {
        String sizes = "<(capacity|allocation|available) unit='bytes'>\\d+<";
        assertEquals(normal(theirs.get("pool").asText(), theirDir).replaceAll(sizes, "<$1 unit='bytes'>N<")
                .replaceAll("<uuid>.*</uuid>", ""), normal(ours.get("pool").asText(), ourDir)
                .replaceAll(sizes, "<$1 unit='bytes'>N<").replaceAll("<uuid>.*</uuid>", "")
                .replaceAll("<mode>0\\d+</mode>", "<mode>0777</mode>"));
    }

    @Test
    void qemuImgSeesTheSameImages() throws Exception {
        Iterator<Map.Entry<String, JsonNode>> it = theirs.get("files").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode t = info(Path.of(e.getValue().asText()));
            JsonNode o = info(Path.of(ours.get("files").get(name).asText()));
            for (String field : List.of("format", "virtual-size", "cluster-size")) {
                assertEquals(t.path(field).toString(), o.path(field).toString(), name + " " + field);
            }
            assertEquals(t.path("backing-filename").asText("").replace(theirDir.toString(), "$POOL"),
                    o.path("backing-filename").asText("").replace(ourDir.toString(), "$POOL"), name + " backing");
            assertEquals(t.path("backing-filename-format").toString(), o.path("backing-filename-format").toString());
            JsonNode ts = t.path("format-specific").path("data");
            JsonNode os = o.path("format-specific").path("data");
            for (String field : List.of("compat", "lazy-refcounts", "extended-l2")) {
                assertEquals(ts.path(field).toString(), os.path(field).toString(), name + " " + field);
            }
        }
    }

    private static JsonNode info(Path p) throws Exception {
        Tools.Result r = Tools.run(List.of("qemu-img", "info", "-U", "--output=json", p.toString()), 30);
        assertEquals(0, r.code(), r::toString);
        return JSON.readTree(r.out());
    }

    @Test
    void errorsAreTheSame() {
        List<String> diffs = new ArrayList<>();
        theirs.get("errors").fields().forEachRemaining(e -> {
            String t = e.getValue().toString().replace(theirDir.toString(), "$POOL");
            String o = ours.get("errors").path(e.getKey()).toString().replace(ourDir.toString(), "$POOL");
            if (!t.equals(o)) {
                diffs.add(e.getKey() + ": libvirt " + t + "\n" + " ".repeat(e.getKey().length()) + "  jvirt   " + o);
            }
        });
        assertEquals("", String.join("\n", diffs));
    }
}
