package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.driver.qemu.caps.KvmSupport;
import org.jvirt.driver.qemu.caps.QemuCapsCache;
import org.jvirt.driver.qemu.command.BuildOptions;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.command.RuntimeLayout;
import org.jvirt.driver.qemu.process.QemuLaunch;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.domain.DomainXml;

/**
 * The floor a start cannot beat on this machine (the same argv started by hand until QMP answers 'cont') next
 * to what the driver's create takes until QMP says running, and its destroy.
 */
class StartLatencyTest extends FreshDriverTest {

    private static final int RUNS = 5;

    @Test
    void driverStartComparedWithRawQemuStart() throws Exception {
        String xml = fx.guestXml("lat", "");
        List<Long> raw = new ArrayList<>();
        var caps = new QemuCapsCache(QemuCapsCache.defaultDir()).get(QemuTesting.QEMU);
        for (int i = 0; i < RUNS; i++) {
            Path run = Files.createDirectories(fx.dir.resolve("raw" + i));
            RuntimeLayout layout = new RuntimeLayout(run, run);
            QemuCommand cmd = QemuCommandBuilder.build(DomainXml.parse(xml), caps, layout,
                    new BuildOptions(KvmSupport.detect(), true, () -> 5900));
            long t0 = System.nanoTime();
            try (QemuProcess q = QemuProcess.start(new QemuLaunch(cmd.binary(), cmd.args(), cmd.env(), run,
                    layout.logFile("lat"), layout.pidFile(), layout.monitorSocket(), true), Duration.ofSeconds(30))) {
                q.monitor().execute("cont");
                raw.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        List<Long> create = new ArrayList<>();
        List<Long> destroy = new ArrayList<>();
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(xml);
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                d.create();
                create.add((System.nanoTime() - t0) / 1_000_000);
                assertEquals(DomainState.RUNNING, d.getState().state());
                long t1 = System.nanoTime();
                d.destroy();
                destroy.add((System.nanoTime() - t1) / 1_000_000);
            }
            d.undefine();
        }
        System.out.printf("start latency, median of %d: raw qemu until QMP 'cont' %d ms %s; driver create until "
                + "running %d ms %s; destroy %d ms %s%n", RUNS, median(raw), raw, median(create), create,
                median(destroy), destroy);
    }

    /**
     * The same for a guest with virt-install's q35 defaults this driver builds: UEFI (OVMF, its own NVRAM),
     * an emulated TPM (the driver starts swtpm for each start; raw QEMU gets one started beforehand, outside
     * its time), xHCI with a tablet, SPICE, virtio video and RNG, a balloon with statistics.
     */
    @Test
    void virtInstallQ35UefiTpmStartComparedWithRawQemu() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"))
                && Files.isExecutable(Path.of("/usr/bin/swtpm")), "ovmf or swtpm missing");
        String xml = fx.guestXml("latq35", """
                <controller type='usb' index='0' model='qemu-xhci' ports='15'/>
                <input type='tablet' bus='usb'/>
                <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>
                <graphics type='spice' autoport='yes'/>
                <video><model type='virtio'/></video>
                <memballoon model='virtio'><stats period='5'/></memballoon>
                <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>""")
                .replace("machine='pc'", "machine='q35'")
                .replace("<os>", "<os firmware='efi'><firmware><feature enabled='no' name='secure-boot'/></firmware>");
        List<Long> create = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(xml);
            d.create(); // the first start manufactures the TPM state and the NVRAM: not what is measured
            DomainXml live = DomainXml.parse(d.getXMLDesc());
            d.destroy();
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                d.create();
                create.add((System.nanoTime() - t0) / 1_000_000);
                d.destroy();
            }
            var caps = new QemuCapsCache(QemuCapsCache.defaultDir()).get(QemuTesting.QEMU);
            Path tpmState = fx.dir.resolve("state").resolve("swtpm").resolve(live.uuid().toString()).resolve("tpm2");
            for (int i = 0; i < RUNS; i++) {
                Path run = Files.createDirectories(fx.dir.resolve("rawq35-" + i));
                RuntimeLayout layout = new RuntimeLayout(run, run);
                DomainXml def = DomainXml.parse(live.toXml());
                QemuCommand cmd = QemuCommandBuilder.build(def, caps, layout,
                        new BuildOptions(KvmSupport.detect(), true, () -> 5990));
                Path socket = run.resolve("tpm0-swtpm.sock");
                Process swtpm = new ProcessBuilder("swtpm", "socket", "--ctrl", "type=unixio,path=" + socket,
                        "--tpmstate", "dir=" + tpmState, "--tpm2", "--terminate").start();
                try {
                    DriverFixture.waitFor(Duration.ofSeconds(10), () -> Files.exists(socket), () -> "swtpm");
                    long t0 = System.nanoTime();
                    try (QemuProcess q = QemuProcess.start(new QemuLaunch(cmd.binary(), cmd.args(), cmd.env(), run,
                            layout.logFile("latq35"), layout.pidFile(), layout.monitorSocket(), true),
                            Duration.ofSeconds(30))) {
                        q.monitor().execute("cont");
                        raw.add((System.nanoTime() - t0) / 1_000_000);
                    }
                } finally {
                    swtpm.destroyForcibly().waitFor();
                }
            }
            d.undefine(org.jvirt.flags.DomainUndefineFlag.NVRAM);
        }
        System.out.printf("q35 UEFI+TPM start latency, median of %d: raw qemu until QMP 'cont' %d ms %s; driver "
                + "create (swtpm included) until running %d ms %s%n", RUNS, median(raw), raw, median(create), create);
    }

    private static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
