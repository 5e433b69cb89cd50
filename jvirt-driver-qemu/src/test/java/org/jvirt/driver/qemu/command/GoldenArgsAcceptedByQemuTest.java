package org.jvirt.driver.qemu.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.jvirt.driver.qemu.process.Children;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * The goldens are not only self-consistent: the installed QEMU accepts every one of them. Each .args runs with
 * {@code -S} (no guest code runs), its paths moved into a sandbox where the images exist, then quits.
 */
class GoldenArgsAcceptedByQemuTest {

    /** Cases that need host resources the sandbox cannot fake: a bridge with taps, a listening peer. */
    private static final Set<String> SKIP = Set.of("net-bridge-tap", "serial-unix-bind", "chardev-connect-peers");
    private static final Path DIR = Path.of(System.getProperty("jvirt.xml2argv.dir", "src/test/resources/xml2argv"));
    private static final Pattern PATHS = Pattern.compile("((?:filename|path|logfile)=)((?:[^,]|,,)+)");

    private static Path sandbox;

    @BeforeAll
    static void setUp() throws IOException {
        QemuTesting.assumeQemu();
        // short on purpose: the goldens' socket paths get this prefix, and sun_path holds 107 bytes
        sandbox = Files.createDirectories(Path.of("/tmp/jva" + ProcessHandle.current().pid()));
    }

    @AfterAll
    static void tearDown() {
        QemuTesting.deleteTree(sandbox);
    }

    @TestFactory
    Stream<DynamicTest> qemuAcceptsEveryGolden() throws IOException {
        List<Path> goldens = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".args")).sorted().forEach(goldens::add);
        }
        return goldens.stream()
                .filter(p -> !SKIP.contains(p.getFileName().toString().replace(".args", "")))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path golden) throws Exception {
        String name = golden.getFileName().toString().replace(".args", "");
        Path root = Files.createDirectories(sandbox.resolve(Integer.toString(name.hashCode() & 0xfff, 36)));
        List<String> lines = Files.readAllLines(golden);
        List<String> argv = new ArrayList<>();
        argv.add(lines.get(0));
        List<String> args = lines.subList(1, lines.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (Set.of("-kernel", "-initrd", "-append").contains(a)) {
                i++; // a fake kernel would not load; direct boot is covered by the boot test
                continue;
            }
            argv.add(sandboxed(root, a.replace("driver=host_device", "driver=file")));
        }
        argv.addAll(List.of("-S", "-qmp", "stdio"));
        Process p = new ProcessBuilder(argv).directory(root.toFile()).start();
        Children.killOnExit(p);
        p.getOutputStream().write("{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n"
                .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), name + ": " + err);
        assertTrue(err.lines().allMatch(l -> l.contains("warning:")), name + ": " + err);
    }

    /** Moves every absolute path under the sandbox, creating the images and directories QEMU opens. */
    private static String sandboxed(Path root, String arg) throws IOException, InterruptedException {
        if (arg.startsWith("unix:/")) {
            String path = root + arg.substring(5);
            Files.createDirectories(Path.of(path.replace(",,", ",")).getParent());
            return "unix:" + path;
        }
        Matcher m = PATHS.matcher(arg);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            if (!value.startsWith("/")) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String moved = root + value;
            Path real = Path.of(moved.replace(",,", ","));
            Files.createDirectories(real.getParent());
            if (m.group(1).equals("filename=") && !Files.exists(real)) {
                String fmt = real.toString().endsWith(".qcow2") ? "qcow2" : "raw";
                Process img = new ProcessBuilder("qemu-img", "create", "-q", "-f", fmt, real.toString(), "16M")
                        .inheritIO().start();
                assertEquals(0, img.waitFor());
            }
            if (arg.startsWith("pipe,") && !Files.exists(real)) {
                // a pipe backend opens an existing FIFO; QEMU never creates one
                Process fifo = new ProcessBuilder("mkfifo", real.toString()).inheritIO().start();
                assertEquals(0, fifo.waitFor());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + moved));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
