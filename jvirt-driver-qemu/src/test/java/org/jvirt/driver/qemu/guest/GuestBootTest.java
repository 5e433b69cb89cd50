package org.jvirt.driver.qemu.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.driver.qemu.caps.KvmSupport;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.driver.qemu.caps.QemuCapsCache;
import org.jvirt.driver.qemu.command.BuildOptions;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.command.RuntimeLayout;
import org.jvirt.driver.qemu.command.VncPortAllocator;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.process.QemuExit;
import org.jvirt.driver.qemu.process.QemuLaunch;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.jvirt.xml.domain.DomainXml;

/**
 * One real boot of the test guest under TCG, from domain XML through the command builder, the process layer
 * and QMP: wait for the serial console's READY line, press the power button, see QEMU exit after a
 * guest-initiated SHUTDOWN.
 */
class GuestBootTest {

    private Path dir;
    private String token;
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        QemuTesting.assumeQemu();
        dir = QemuTesting.tempDir("jvirt-boot-");
        token = QemuTesting.marker();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (token != null) {
            assertEquals(List.of(), QemuTesting.pgrep(token), "stray qemu");
        }
        QemuTesting.deleteTree(dir);
    }

    @Test
    void bootsToReadyAndPowersOffOnTheAcpiButton() throws Exception {
        TestGuest.Artifacts guest = TestGuest.ensure();
        // a disk path with a space and commas exercises QEMU's escaping for real
        Path odd = Files.createDirectories(dir.resolve("odd dir, v2"));
        Path disk = odd.resolve("disk,1.qcow2");
        Process img = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "32M")
                .inheritIO().start();
        assertEquals(0, img.waitFor());
        Path serial = dir.resolve("serial.sock");
        String xml = """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check quiet tg.token=%s</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <interface type='user'>
                      <mac address='52:54:00:12:34:56'/>
                      <model type='virtio'/>
                    </interface>
                    <serial type='unix'>
                      <source mode='connect' path='%s'/>
                      <target port='0'/>
                    </serial>
                  </devices>
                </domain>
                """.formatted(token, guest.kernel(), guest.initrd(), token, escapeXml(disk.toString()), serial);
        QemuCaps caps = new QemuCapsCache(dir.resolve("caps")).get(QemuTesting.QEMU);
        KvmSupport kvm = KvmSupport.detect();
        RuntimeLayout layout = new RuntimeLayout(dir.resolve("run"), dir.resolve("log"));
        Files.createDirectories(layout.runDir());
        QemuCommand cmd = QemuCommandBuilder.build(DomainXml.parse(xml), caps, layout,
                new BuildOptions(kvm, false, new VncPortAllocator()));
        assertTrue(cmd.args().contains("tcg") || kvm.usable(), "TCG here: " + kvm.reason());

        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(serial));
            long t0 = System.nanoTime();
            // the driver decides on_poweroff itself (-no-shutdown); this test of the process layer wants QEMU to exit
            List<String> args = cmd.args().stream().filter(a -> !a.equals("-no-shutdown")).toList();
            QemuProcess q = QemuProcess.start(new QemuLaunch(cmd.binary(), args, cmd.env(), layout.runDir(),
                    layout.logFile(token), layout.pidFile(), layout.monitorSocket(), true), Duration.ofSeconds(30));
            try {
                long qmpMs = (System.nanoTime() - t0) / 1_000_000;
                CompletableFuture<QmpEvent> shutdown = new CompletableFuture<>();
                q.monitor().addListener(e -> {
                    if (e.name().equals("SHUTDOWN")) {
                        shutdown.complete(e);
                    }
                });
                SocketChannel ser = listener.accept();
                Thread reader = Thread.ofVirtual().start(() -> readConsole(ser));
                String ready = "TESTGUEST-READY token=" + token;
                assertTrue(waitForLine(ready, Duration.ofSeconds(60)), "no READY within 60 s; console:\n"
                        + String.join("\n", snapshot()) + "\nlog:\n" + q.logTail(4000));
                long readyMs = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(snapshot().stream().anyMatch(l -> l.contains("TESTGUEST-DISKS") && l.contains("vda")),
                        String.join("\n", snapshot()));

                long t1 = System.nanoTime();
                assertTrue(q.powerdown(Duration.ofSeconds(30)), "guest did not power off");
                long offMs = (System.nanoTime() - t1) / 1_000_000;
                QmpEvent ev = shutdown.get(10, TimeUnit.SECONDS);
                assertTrue(ev.data().path("guest").asBoolean(), ev.toString());
                assertEquals("guest-shutdown", ev.text("reason"));
                QemuExit exit = q.onExit().get(10, TimeUnit.SECONDS);
                assertEquals(0, exit.exitCode());
                assertTrue(snapshot().stream().anyMatch(l -> l.contains("TESTGUEST-POWERDOWN")));
                System.out.printf("test guest (%s, %s): QMP ready %d ms, READY %d ms, powerdown -> exit %d ms%n",
                        guest.kernelRelease(), kvm.usable() ? "kvm" : "tcg", qmpMs, readyMs, offMs);
                reader.join(5000);
            } finally {
                q.close();
            }
        }
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }

    private void readConsole(SocketChannel ch) {
        StringBuilder line = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try (ch) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                String s = StandardCharsets.UTF_8.decode(buf).toString();
                buf.clear();
                for (char c : s.toCharArray()) {
                    if (c == '\n') {
                        synchronized (console) {
                            console.add(line.toString().replace("\r", ""));
                            console.notifyAll();
                        }
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
            }
        } catch (IOException e) {
            // QEMU closed the console when it exited
        }
    }

    private List<String> snapshot() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /** Marker lines may follow a shell prompt on the same line: match anywhere, never anchored. */
    private boolean waitForLine(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (console) {
            while (console.stream().noneMatch(l -> l.contains(marker))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                console.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
