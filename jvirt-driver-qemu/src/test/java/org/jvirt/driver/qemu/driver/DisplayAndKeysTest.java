package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.keycode.KeycodeSet;

/**
 * One real guest with VNC graphics, a VGA card, the PS/2 keyboard and a pvpanic device: the VNC port the start
 * chose (live XML, the RFB banner on it, kept after a driver restart, free again after destroy), a screenshot
 * through a stream, keys sent with virDomainSendKey seen by the guest kernel's input layer, and the command line
 * virConnectDomainXMLToNative shows.
 */
class DisplayAndKeysTest extends FreshDriverTest {

    private static final Pattern VNC = Pattern.compile(
            "<graphics type='vnc' port='(\\d+)' autoport='yes' listen='127\\.0\\.0\\.1'>\\s*"
                    + "<listen type='address' address='127\\.0\\.0\\.1'/>\\s*</graphics>");


    @Test
    @Timeout(300)
    void vncScreenshotKeysAndNativeArgv() throws Exception {
        String xml = GuestConsole.ptyXml(fx, "g1", "<graphics type='vnc'/><panic model='isa'/>");
        int port;
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml);
            try (GuestConsole con = new GuestConsole(c, d)) {
                con.waitFor("TESTGUEST-READY token=" + fx.token, 0, Duration.ofSeconds(90));
                String live = d.getXMLDesc();
                port = vncPort(live);
                assertTrue(port >= 5900, live);
                assertEquals("RFB 003.008\n", rfbBanner(port));
                assertTrue(live.contains("<model type='vga' vram='16384' heads='1' primary='yes'/>"), live);
                assertTrue(live.contains("<address type='isa' iobase='0x505'/>"), live);

                screenshot(c, d);
                keys(d, con);
                nativeArgv(c, live);
            }
        }
        // a new driver (as after a daemon restart) takes the guest back with its port, and never hands that
        // port to another guest
        try (Connect c = fx.open()) {
            Domain d = c.domainLookupByName("g1");
            assertEquals(port, vncPort(d.getXMLDesc()));
            Domain other = c.domainCreateXML("""
                    <domain type='qemu'><name>g2</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64' machine='pc'>hvm</type><cmdline>%s</cmdline></os>
                    <devices><graphics type='vnc' autoport='yes'/><memballoon model='none'/></devices></domain>"""
                    .formatted(fx.token), DomainCreateFlag.START_PAUSED);
            int otherPort = vncPort(other.getXMLDesc());
            assertNotEquals(port, otherPort);
            assertEquals("RFB 003.008\n", rfbBanner(otherPort));
            assertEquals("RFB 003.008\n", rfbBanner(port));
            d.destroy();
            other.destroy();
            assertTrue(bindableSoon(port), "port " + port + " is free after destroy");
            assertTrue(bindableSoon(otherPort), "port " + otherPort + " is free after destroy");
        }
        fx.assertRunDirClean();
    }

    /** virDomainScreenshot: a PNG of the VGA's text screen, streamed; the temporary file does not stay. */
    private void screenshot(Connect c, Domain d) throws IOException {
        byte[] img;
        String mime;
        try (Stream s = c.newStream()) {
            mime = d.screenshot(s, 0);
            img = readAll(s);
            s.finish();
        }
        assertEquals("image/png", mime); // what libvirt 9.0 gives with QEMU 7.1 and later
        BufferedImage bi = ImageIO.read(new ByteArrayInputStream(img));
        assertTrue(bi != null, "a PNG of " + img.length + " bytes");
        assertTrue(bi.getWidth() >= 320 && bi.getWidth() <= 4096 && bi.getHeight() >= 200
                && bi.getHeight() <= 4096, bi.getWidth() + "x" + bi.getHeight());
        System.out.printf("screenshot: %s %dx%d, %d bytes%n", mime, bi.getWidth(), bi.getHeight(), img.length);
        try (var files = Files.walk(fx.dir.resolve("run"))) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("qemu.screendump"))
                    .toList());
        }
        VirtException noScreen = assertThrows(VirtException.class, () -> d.screenshot(c.newStream(), 1));
        assertEquals(ErrorNumber.OPERATION_INVALID, noScreen.error().number());
        assertTrue(noScreen.getMessage().contains("no such screen ID"), noScreen.getMessage());
    }

    /**
     * virDomainSendKey: the guest's kernel reads the PS/2 keyboard; its evdev device shows each press and release
     * (struct input_event, 24 bytes: type 1 = EV_KEY, then the Linux key code and 1/0).
     */
    private void keys(Domain d, GuestConsole con) throws InterruptedException {
        int from = con.length();
        // the redirection opens the device before the marker is printed: no key can come too early
        con.type("for e in /sys/class/input/event*; do grep -q keyboard $e/device/name && K=/dev/input/${e##*/};"
                + " done; { echo KBD\"\"OPEN; dd bs=24 count=12 2>/dev/null | od -An -tu2 -w24 |"
                + " sed 's/^/KEYEV/'; echo KE\"\"ND; } <$K");
        con.waitFor("KBDOPEN", from, Duration.ofSeconds(30));
        d.sendKey(KeycodeSet.LINUX.code(), 0, 30); // KEY_A
        d.sendKey(KeycodeSet.QNUM.code(), 50, 0x9d); // KEY_RIGHTCTRL, an 0xe0-prefixed scan code
        int end = con.waitFor("KEND", from, Duration.ofSeconds(30));
        List<String> keyEvents = new ArrayList<>();
        for (String line : con.text(from).substring(0, end - from).split("\r?\n")) {
            int at = line.indexOf("KEYEV");
            if (at < 0 || line.contains("sed")) {
                continue;
            }
            String[] f = line.substring(at + 5).trim().split("\\s+");
            if (f.length >= 12 && f[8].equals("1")) {
                keyEvents.add(f[9] + "/" + f[10]);
            }
        }
        assertEquals(List.of("30/1", "30/0", "97/1", "97/0"), keyEvents, con.text(from));

        VirtException bad = assertThrows(VirtException.class, () -> d.sendKey(0, 0, 9999));
        assertEquals(ErrorNumber.INTERNAL_ERROR, bad.error().number());
        assertTrue(bad.getMessage().contains("cannot translate keycode 9999 of linux codeset to qnum keycode"),
                bad.getMessage());
        VirtException many = assertThrows(VirtException.class, () -> d.sendKey(0, 0, new int[17]));
        assertEquals(ErrorNumber.INVALID_ARG, many.error().number());
        assertTrue(many.getMessage().contains("nkeycodes must be <= 16"), many.getMessage());
        VirtException set = assertThrows(VirtException.class, () -> d.sendKey(10, 0, 30));
        assertTrue(set.getMessage().contains("Unsupported codeset '10'"), set.getMessage());
    }

    /** virConnectDomainXMLToNative "qemu-argv": one shell line; autoport shows as display 0, as libvirt's. */
    private void nativeArgv(Connect c, String live) {
        String argv = c.domainXMLToNative("qemu-argv", live);
        assertTrue(argv.startsWith("LC_ALL=C " + QemuTesting.QEMU + " -name guest=g1,debug-threads=on "), argv);
        assertTrue(argv.contains(" -vnc 127.0.0.1:0 "), argv);
        assertTrue(argv.contains(" -device pvpanic,ioport=1285 "), argv);
        assertTrue(argv.contains(" -append 'console=ttyS0 no_timer_check quiet tg.net=0 tg.token=" + fx.token + "' "), argv);
        assertTrue(!argv.contains("\n"), argv);
        VirtException bad = assertThrows(VirtException.class, () -> c.domainXMLToNative("xen-xm", live));
        assertEquals(ErrorNumber.INVALID_ARG, bad.error().number());
        assertTrue(bad.getMessage().contains("unsupported config type xen-xm"), bad.getMessage());
        VirtException from = assertThrows(VirtException.class, () -> c.domainXMLFromNative("qemu-argv", argv));
        assertEquals(ErrorNumber.NO_SUPPORT, from.error().number());
    }

    private static int vncPort(String xml) {
        Matcher m = VNC.matcher(xml);
        assertTrue(m.find(), xml);
        return Integer.parseInt(m.group(1));
    }

    /** The 12-byte protocol version the VNC server sends first. */
    private static String rfbBanner(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            s.setSoTimeout(10_000);
            return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    /**
     * Whether the port can be bound within a few seconds. Seen once in a CI run: the first try right after
     * destroy failed, although destroy returns only once QEMU has exited; the socket's teardown may trail it.
     */
    private static boolean bindableSoon(int port) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!canBind(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readAll(Stream s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = s.recv(buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
