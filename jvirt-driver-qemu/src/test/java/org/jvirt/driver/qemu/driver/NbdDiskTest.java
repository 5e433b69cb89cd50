package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.driver.qemu.process.Children;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;

/**
 * Network disks against a real qemu-nbd: the guest boots with an nbd export over TCP as vda, writes through
 * it (read back from the image on the host), and a second export over a unix socket is hot-plugged as vdb.
 * Both disks carry the same tunables (writethrough cache, discard, detect_zeroes), and QEMU reports the same
 * settings for the cold-started and the hot-plugged one: one property builder serves both paths.
 */
class NbdDiskTest extends FreshDriverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER = "<driver name='qemu' type='raw' cache='writethrough' discard='unmap' "
            + "detect_zeroes='unmap'/>";

    @Test
    @Timeout(180)
    void bootFromNbdAndHotplugAnother() throws Exception {
        Path img1 = image("tcp.raw");
        Path img2 = image("unix.raw");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path socket = fx.dir.resolve("nbd.sock");
        Process tcp = nbd(List.of("qemu-nbd", "--bind=127.0.0.1", "--port=" + port, "--export-name=exp1",
                "--format=raw", "--persistent", "--shared=2", img1.toString()), null);
        Process unix = nbd(List.of("qemu-nbd", "--socket=" + socket, "--format=raw", "--persistent",
                img2.toString()), socket);
        try (Connect c = fx.open()) {
            waitPort(port);
            String xml = GuestConsole.ptyXml(fx, "nbd", """
                    <disk type='network' device='disk'>%s
                      <source protocol='nbd' name='exp1'><host name='127.0.0.1' port='%d'/></source>
                      <target dev='vda' bus='virtio'/>
                    </disk>""".formatted(DRIVER, port));
            Domain d = c.domainCreateXML(xml, DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                guest.boot(fx, Duration.ofSeconds(90));
                Duration t = Duration.ofSeconds(30);
                assertEquals("65536", con.run("cat /sys/block/vda/size", t), "32 MiB over nbd");
                con.run("echo NBD-" + fx.token + " | dd of=/dev/vda conv=sync,fsync 2>/dev/null", t);

                int mark = con.mark();
                d.attachDevice("""
                        <disk type='network' device='disk'>%s
                          <source protocol='nbd'><host transport='unix' socket='%s'/></source>
                          <target dev='vdb' bus='virtio'/>
                        </disk>""".formatted(DRIVER, socket), DomainDeviceModifyFlag.LIVE);
                con.waitFor("TESTGUEST-UEVENT add block vdb", mark, Duration.ofSeconds(30));
                JsonNode cold = inserted(d, "virtio-disk0");
                JsonNode hot = inserted(d, "virtio-disk1");
                assertEquals(cold.path("cache"), hot.path("cache"), "the same cache settings");
                assertEquals(false, hot.path("cache").path("writeback").asBoolean(true), hot.toString());
                assertEquals("unmap", hot.path("detect_zeroes").asText(), hot.toString());
                assertEquals(cold.path("detect_zeroes"), hot.path("detect_zeroes"));
                assertTrue(hot.path("file").asText().startsWith("nbd"), hot.toString());
            }
            byte[] head = new byte[64];
            try (InputStream in = Files.newInputStream(img1)) {
                assertEquals(64, in.readNBytes(head, 0, 64));
            }
            assertTrue(new String(head, StandardCharsets.US_ASCII).startsWith("NBD-" + fx.token),
                    "the guest's write reached the exported image");
        } finally {
            tcp.destroyForcibly().waitFor();
            unix.destroyForcibly().waitFor();
        }
    }

    /** The {@code inserted} part of query-block for a device. */
    private static JsonNode inserted(Domain d, String qdev) throws Exception {
        JsonNode r = JSON.readTree(d.qemuMonitorCommand("{\"execute\":\"query-block\"}"));
        for (JsonNode b : r.path("return")) {
            if (b.path("qdev").asText().contains("/" + qdev + "/")) { // /machine/peripheral/ID/virtio-backend
                return b.path("inserted");
            }
        }
        throw new AssertionError("no block device " + qdev + " in " + r);
    }

    private Path image(String name) throws Exception {
        Path p = fx.dir.resolve(name);
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", p.toString(), "32M")
                .inheritIO().start().waitFor());
        return p;
    }

    private static Process nbd(List<String> argv, Path socket) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Children.killOnExit(p);
        if (socket != null) {
            DriverFixture.waitFor(Duration.ofSeconds(10), () -> Files.exists(socket), () -> "qemu-nbd on " + socket);
        }
        return p;
    }

    private static void waitPort(int port) throws InterruptedException {
        DriverFixture.waitFor(Duration.ofSeconds(10), () -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }, () -> "qemu-nbd on port " + port);
    }
}
