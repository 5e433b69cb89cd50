package org.jvirt.osinfo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jvirt.osinfo.OsinfoDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jvirt-osinfo-query against the real osinfo-query (libosinfo 1.10) over the installed database: the same
 * stdout byte for byte, the same stderr and exit status, for listings, filters, field selections, sorts and
 * errors. Sorts by columns with repeated values (vendor, version) check libosinfo's list order too: rows with
 * equal keys come out in its hash table's order, which jvirt reproduces.
 */
class OsinfoQueryGoldenTest {
    private static final String REAL = "/usr/bin/osinfo-query";
    private static OsinfoDb db;

    @BeforeAll
    static void load() {
        db = OsinfoDb.loadDefault();
    }

    static Stream<String> exact() {
        return Stream.of(
                "os",
                "platform",
                "os short-id=debian11",
                "os short-id=debianbullseye",
                "os id=http://fedoraproject.org/fedora/36",
                "--fields=short-id,version os vendor=Fedora Project",
                "-f short-id,release-date,eol-date,codename os distro=ubuntu",
                "os --fields=short-id,family,distro,vendor,release-date,eol-date,codename,id,release-status",
                "--sort=id os family=winnt",
                "-s id device",
                "--sort id device class=net",
                "-s id device bus-type=pci vendor-id=1af4",
                "device name=virtio1.0-net",
                "-f id,name,class device vendor-id=1af4",
                "--fields=short-id,name platform",
                "os short-id=debian12",
                "device",
                "-s version os",
                "--sort=vendor os",
                "-s name -f name,short-id os",
                "-s vendor platform",
                "-s class device bus-type=pci vendor-id=8086",
                "-f id,name,class device vendor-id=1af4",
                "os short-id=nosuchos",
                "deployment",
                "nosuchtype",
                "os nosuchkey=1",
                "os noequals",
                "--fields=short-id,bogus os",
                "");
    }

    @ParameterizedTest
    @MethodSource("exact")
    void sameOutputAsOsinfoQuery(String args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(REAL)), "osinfo-query not installed (scripts/setup-test-deps.sh)");
        String[] argv = split(args);
        Run real = real(argv);
        Run ours = ours(argv);
        assertEquals(real.err, ours.err, "stderr");
        assertEquals(real.out, ours.out, "stdout");
        assertEquals(real.rc, ours.rc, "exit status");
    }

    private record Run(int rc, String out, String err) {
    }

    private static String[] split(String args) {
        // "vendor=Fedora Project" keeps its blank: split on blanks not followed by a word and '='
        if (args.isEmpty()) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        for (String tok : args.split(" (?=[-a-z]+(=|\\b))")) {
            out.add(tok);
        }
        return out.toArray(String[]::new);
    }

    private static Run ours(String[] argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new OsinfoQuery(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(() -> db, argv);
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run real(String[] argv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(REAL);
        cmd.addAll(Arrays.asList(argv));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // GLib converts output to the locale's charset: in C, "Schrödinger" comes out as "Schr?dinger"
        pb.environment().put("LC_ALL", "C.UTF-8");
        Path o = Files.createTempFile("oq", ".out");
        Path e = Files.createTempFile("oq", ".err");
        try {
            Process p = pb.redirectOutput(o.toFile()).redirectError(e.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("osinfo-query hung");
            }
            return new Run(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8),
                    Files.readString(e, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(o);
            Files.deleteIfExists(e);
        }
    }
}
