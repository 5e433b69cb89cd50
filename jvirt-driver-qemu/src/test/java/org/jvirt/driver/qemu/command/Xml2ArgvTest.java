package org.jvirt.driver.qemu.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.caps.KvmSupport;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.driver.qemu.caps.QemuCapsProbe;
import org.jvirt.driver.qemu.firmware.FirmwareDescriptors;
import org.jvirt.driver.qemu.firmware.FirmwareSelector;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.domain.DomainXml;

/**
 * The golden corpus: each {@code xml2argv/CASE.xml} must build exactly {@code CASE.args} (the binary, then one
 * argument per line) or fail with exactly {@code CASE.err}. Cases named {@code paused-*} start paused, cases
 * named {@code kvm-forced*} run where KVM is offered, cases named {@code spice-tls*} have SPICE TLS configured,
 * cases named {@code *nbd-tls-secret*} have NBD TLS on by default with an encrypted key;
 * automatic display ports count up from 5900. The binary's abilities come from a recorded probe of
 * QEMU 7.2 ({@code caps/qemu-x86_64.json}), so the corpus does not depend on the QEMU installed.
 * {@code JVIRT_REGENERATE=1} rewrites the goldens; {@code JVIRT_REGENERATE_CAPS=1} re-records the probe.
 */
class Xml2ArgvTest {

    private static final Path DIR = Path.of(System.getProperty("jvirt.xml2argv.dir", "src/test/resources/xml2argv"));
    private static final Path CAPS = DIR.resolveSibling("caps").resolve("qemu-x86_64.json");
    private static final boolean REGENERATE = "1".equals(System.getenv("JVIRT_REGENERATE"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debian 12's ovmf descriptors, recorded, so that firmware selection does not depend on the host. */
    static final Path SPICE_TLS_DIR = Path.of("/etc/pki/jvirt-spice");
    /** qemu.conf's nbd_tls = 1 with a certificate directory and a key secret, for cases named *nbd-tls-secret*. */
    static final NbdTls NBD_TLS_WITH_SECRET = new NbdTls(Path.of("/etc/pki/jvirt-nbd"), true,
            "6dd3e4a5-1d76-44ce-961f-f119f5aad935");
    static final FirmwareDescriptors FIRMWARE = new FirmwareDescriptors(List.of(DIR.resolveSibling("firmware")));

    static QemuCaps caps() throws IOException {
        if ("1".equals(System.getenv("JVIRT_REGENERATE_CAPS"))) {
            QemuTesting.assumeQemu();
            QemuCaps probed = QemuCapsProbe.probe(QemuTesting.QEMU);
            // a fixed identity, so that re-recording changes only what QEMU reports
            probed = new QemuCaps(probed.binary(), 0, 0, probed.formatVersion(), probed.targetArch(), probed.arch(),
                    probed.major(), probed.minor(), probed.micro(), probed.packageVersion(), probed.kvmPresent(),
                    probed.machines(), probed.cpuModels(), probed.deviceTypes(), 0);
            Files.write(CAPS, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(probed));
        }
        return JSON.readValue(CAPS.toFile(), QemuCaps.class);
    }

    static QemuCommand build(String name, String xml) throws IOException {
        KvmSupport kvm = name.startsWith("kvm-forced") ? new KvmSupport(true, "forced for the test")
                : new KvmSupport(false, "no vmx or svm flag (test)");
        java.util.concurrent.atomic.AtomicInteger ports = new java.util.concurrent.atomic.AtomicInteger(5900);
        BuildOptions opts = new BuildOptions(kvm, name.startsWith("paused-"), ports::getAndIncrement,
                name.startsWith("spice-tls") ? SPICE_TLS_DIR : null,
                name.contains("nbd-tls-secret") ? NBD_TLS_WITH_SECRET : NbdTls.DEFAULT);
        DomainXml def = DomainXml.parse(xml);
        RuntimeLayout layout = new RuntimeLayout(Path.of("/run/jvirt/qemu/domain-" + def.name()),
                Path.of("/var/log/jvirt/qemu"));
        QemuCaps caps = caps();
        FirmwareSelector.prepare(def, caps, FIRMWARE, Path.of("/var/lib/jvirt/qemu/nvram"));
        return QemuCommandBuilder.build(def, caps, layout, opts);
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(cases::add);
        }
        assertTrue(cases.size() >= 20, "the corpus has " + cases.size() + " cases");
        return cases.stream().map(xmlFile -> DynamicTest.dynamicTest(xmlFile.getFileName().toString(), () -> {
            String name = xmlFile.getFileName().toString().replaceFirst("\\.xml$", "");
            Path args = DIR.resolve(name + ".args");
            Path err = DIR.resolve(name + ".err");
            String actual;
            boolean failed;
            try {
                QemuCommand cmd = build(name, Files.readString(xmlFile));
                StringBuilder sb = new StringBuilder(cmd.binary().toString()).append('\n');
                for (String a : cmd.args()) {
                    assertTrue(a.indexOf('\n') < 0, "an argument with a newline cannot be a golden line");
                    sb.append(a).append('\n');
                }
                actual = sb.toString();
                failed = false;
            } catch (VirtException e) {
                actual = e.getMessage() + "\n";
                failed = true;
            }
            Path golden = failed ? err : args;
            if (REGENERATE) {
                Files.deleteIfExists(failed ? args : err);
                Files.writeString(golden, actual);
                return;
            }
            if (!Files.exists(golden)) {
                fail(name + (failed ? " failed unexpectedly: " : " built, but has no golden: ") + actual
                        + "(run with JVIRT_REGENERATE=1 to record it)");
            }
            assertEquals(Files.readString(golden), actual, name);
        }));
    }

    @Test
    void everyGoldenHasItsXml() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".args") || p.toString().endsWith(".err")).forEach(p -> assertTrue(
                    Files.exists(DIR.resolve(p.getFileName().toString().replaceFirst("\\.(args|err)$", ".xml"))),
                    "orphan golden " + p));
        }
    }

    @Test
    void bridgeInterfacesAskForTapDevices() throws IOException {
        QemuCommand cmd = build("net-bridge-tap", Files.readString(DIR.resolve("net-bridge-tap.xml")));
        assertEquals(List.of(new QemuCommand.TapDevice("jvc7a5fdbdn0", "br0", "52:54:00:aa:bb:cc"),
                new QemuCommand.TapDevice("mytap0", "br1", "52:54:00:aa:bb:cd")), cmd.taps());
    }

    @Test
    void vncAutoportReportsThePort() throws IOException {
        assertEquals(5900, build("vnc-autoport", Files.readString(DIR.resolve("vnc-autoport.xml"))).vncPort());
        assertEquals(5907, build("x", Files.readString(DIR.resolve("vnc-fixed-listen-tablet.xml"))).vncPort());
    }

    @Test
    void commaEscaping() {
        assertEquals("a,,b", QemuOpts.escape("a,b"));
        assertEquals("file,id=x,path=/a,,b,, c", QemuOpts.of("file").add("id", "x").add("path", "/a,b, c").toString());
        assertEquals("x,,y,flag=on", QemuOpts.of("x,y").add("flag", true).toString());
    }
}
