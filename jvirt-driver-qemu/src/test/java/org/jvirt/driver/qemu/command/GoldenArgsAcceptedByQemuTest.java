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

    /**
     * Cases that need host resources the sandbox cannot fake: a bridge with taps, a listening peer (a unix
     * socket, an EGD daemon, remote nbd/iSCSI/HTTPS/Ceph servers), /dev/vhost-vsock and /dev/tpm0 where the
     * host has none. An emulated TPM's
     * socket is served by a real swtpm started for the case, a virtiofs one by a real virtiofsd.
     */
    private static final Set<String> SKIP = skipped();

    private static Set<String> skipped() {
        Set<String> skip = new java.util.HashSet<>(Set.of("net-bridge-tap", "serial-unix-bind", "rng-egd-rate",
                "disk-network-nbd-tcp", "disk-network-iscsi", "disk-network-https", "disk-network-rbd",
                "disk-network-iscsi-auth", "disk-network-rbd-auth", // servers and secrets: IscsiChapGuestTest
                "disk-network-nbd-tls", "disk-network-nbd-tls-secret", // certificates: NbdTlsGuestTest
                "chardev-connect-peers"));
        skip.addAll(Set.of("disk-luks-qcow2", "disk-luks-raw")); // a LUKS image and its secret file: LuksDiskGuestTest
        // host devices: this machine has no IOMMU, no VFIO and no USB bus to pass through (HostdevStartTest)
        skip.addAll(Set.of("hostdev-pci-address", "hostdev-pci-q35", "hostdev-usb-address"));
        if (!Files.exists(Path.of("/dev/vhost-vsock"))) {
            skip.add("vsock");
        }
        if (!Files.exists(Path.of("/dev/tpm0"))) {
            skip.add("tpm-passthrough");
        }
        return skip;
    }
    private static final Path DIR = Path.of(System.getProperty("jvirt.xml2argv.dir", "src/test/resources/xml2argv"));
    private static final Pattern PATHS = Pattern.compile("((?:filename|path|addr|x509-dir|logfile)=)((?:[^,]|,,)+)");

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
        Process swtpm = peerFor(root, argv);
        try {
            runQemu(name, root, argv);
        } finally {
            if (swtpm != null) {
                swtpm.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * The daemon a case's socket needs, started on it: a swtpm for an emulated TPM's chardev, a virtiofsd
     * (sharing an empty directory) for a virtiofs one, a qemu-nbd (exporting an empty image) for an nbd disk.
     */
    private static Process peerFor(Path root, List<String> argv) throws Exception {
        for (String a : argv) {
            Matcher nbd = Pattern.compile("driver=nbd,server.type=unix,server.path=((?:[^,]|,,)+),.*").matcher(a);
            if (nbd.matches()) {
                Path socket = Path.of(nbd.group(1).replace(",,", ","));
                Path image = root.resolve("nbd-export.raw");
                assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", image.toString(), "16M")
                        .inheritIO().start().waitFor());
                return waitForSocket(new ProcessBuilder("qemu-nbd", "--socket=" + socket, "--format=raw",
                        "--persistent", image.toString()), socket);
            }
            Matcher m = Pattern.compile("socket,id=(chrtpm|chr-vu-fs\\d+),path=(.*)").matcher(a);
            if (!m.matches()) {
                continue;
            }
            Path socket = Path.of(m.group(2).replace(",,", ","));
            ProcessBuilder pb;
            if (m.group(1).equals("chrtpm")) {
                Path state = Files.createDirectories(root.resolve("swtpm-state"));
                pb = new ProcessBuilder("swtpm", "socket", "--ctrl", "type=unixio,path=" + socket, "--tpmstate",
                        "dir=" + state, "--tpm2", "--terminate");
            } else {
                Path share = Files.createDirectories(root.resolve("share"));
                pb = new ProcessBuilder("/usr/lib/qemu/virtiofsd", "--socket-path=" + socket, "-o",
                        "source=" + share + ",sandbox=chroot");
            }
            return waitForSocket(pb, socket);
        }
        return null;
    }

    private static Process waitForSocket(ProcessBuilder pb, Path socket) throws Exception {
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Children.killOnExit(p);
        for (int i = 0; i < 250 && !Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(socket), pb.command() + " did not open " + socket);
        return p;
    }

    private static void runQemu(String name, Path root, List<String> argv) throws Exception {
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
            if (!value.startsWith("/") || value.startsWith("/usr/share/")) {
                // relative, or an installed firmware image: QEMU opens the real one (read-only)
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String moved = root + value;
            Path real = Path.of(moved.replace(",,", ","));
            Files.createDirectories(real.getParent());
            if (arg.startsWith("local,") || arg.startsWith("memory-backend-file,")) {
                Files.createDirectories(real); // a 9p export, or where file-backed RAM goes
            } else if (m.group(1).equals("x509-dir=")) {
                org.jvirt.driver.qemu.testing.TestCerts.serverCerts(real);
            } else if (real.toString().endsWith("_VARS.fd") && !Files.exists(real)) {
                // a UEFI variable store: a pflash unit must be the template's size, so copy the template
                Files.copy(Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"), real);
            } else if (m.group(1).equals("filename=") && !Files.exists(real)) {
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
