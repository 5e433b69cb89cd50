package org.jvirt.driver.host.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.Secret;
import org.jvirt.VirtException;
import org.jvirt.driver.host.HostCommands;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * A real test guest on a LUKS-encrypted qcow2 disk whose passphrase is a private secret of this driver: the QEMU
 * driver fetches it elevated and hands it to QEMU through a file that is gone once QEMU runs; then a LUKS volume
 * the storage driver creates with another private secret ({@code qemu-img create --object secret,file=...}) is
 * hot-plugged (its secret through QMP object-add). The guest writes a token to each decrypted disk, which
 * qemu-img reads back with the passphrases; no passphrase is in QEMU's argv or any file of the host root (logs,
 * status, run files), and no token is in an image in the clear.
 */
class LuksDiskGuestTest {

    private GuestRoot fx;
    private final String passphrase = GuestRoot.randomSecret("h2-pass-");
    /** The passphrase of the volume the storage driver creates and the guest gets hot-plugged. */
    private final String volPassphrase = GuestRoot.randomSecret("h2-vol-");

    @BeforeEach
    void setUp() throws IOException {
        fx = GuestRoot.open();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (fx != null) {
            fx.close();
        }
    }

    /** A 0600 file with the passphrase, for the test's own qemu-img calls. */
    private Path passFile() throws IOException {
        return passFile(passphrase);
    }

    private Path passFile(String value) throws IOException {
        Path p = fx.dir.resolve("pass");
        Files.deleteIfExists(p);
        Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(p, value);
        return p;
    }

    /** The first sector of an encrypted qcow2 image, decrypted by qemu-img with {@code value}. */
    private String firstBytes(Path image, String value, int n) throws IOException, InterruptedException {
        Path out = fx.dir.resolve("plain-" + image.getFileName() + ".raw");
        HostCommands.run("qemu-img", "convert", "--object", "secret,id=s0,file=" + passFile(value), "--image-opts",
                "driver=qcow2,encrypt.key-secret=s0,file.filename=" + image, "-O", "raw", out.toString());
        byte[] head = Arrays.copyOf(Files.readAllBytes(out), n);
        Files.delete(out);
        return new String(head, StandardCharsets.UTF_8);
    }

    /**
     * qemu-img's LUKS header creation times PBKDF2 on the thread's CPU clock and, on this loaded 2-core machine,
     * sometimes fails with "Unable to get accurate CPU usage"; a second try succeeds.
     */
    private void createLuks(Path disk) throws IOException, InterruptedException {
        for (int i = 1;; i++) {
            try {
                HostCommands.run("qemu-img", "create", "-q", "-f", "qcow2", "--object",
                        "secret,id=s0,file=" + passFile(), "-o", "encrypt.format=luks,encrypt.key-secret=s0",
                        disk.toString(), "16M");
                return;
            } catch (AssertionError e) {
                if (i == 5 || !e.getMessage().contains("Unable to get accurate CPU usage")) {
                    throw e;
                }
            }
        }
    }

    /** The storage driver's LUKS create, tried again on qemu-img's CPU-clock failure (see createLuks). */
    private static org.jvirt.StorageVol createVolume(org.jvirt.StoragePool pool, String xml) {
        for (int i = 1;; i++) {
            try {
                return pool.storageVolCreateXML(xml);
            } catch (VirtException e) {
                if (i == 5 || !e.getMessage().contains("Unable to get accurate CPU usage")) {
                    throw e;
                }
            }
        }
    }

    private String domainXml(TestGuest.Artifacts g, String name, Path disk, String secretAttr, Path serial) {
        return """
                <domain type='qemu'><name>%s</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check quiet tg.net=0 tg.token=%s</cmdline></os>
                  <features><acpi/></features>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='%s'/>
                      <target dev='vda' bus='virtio'/>
                      <encryption format='luks'><secret type='passphrase' %s/></encryption>
                    </disk>
                    <serial type='unix'><source mode='bind' path='%s'/><target port='0'/></serial>
                  </devices></domain>""".formatted(name, g.kernel(), g.initrd(), name, disk, secretAttr, serial);
    }

    /** Every record logged in this JVM (the drivers run here) at any level, formatted, with its throwable. */
    private static final class AllLogRecords extends java.util.logging.Handler implements AutoCloseable {
        private final java.util.Queue<String> lines = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.logging.Logger top = java.util.logging.Logger.getLogger("");
        private final java.util.logging.Level before = top.getLevel();

        AllLogRecords() {
            setLevel(java.util.logging.Level.ALL);
            top.setLevel(java.util.logging.Level.ALL);
            top.addHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            lines.add(new java.util.logging.SimpleFormatter().format(r));
        }

        @Override
        public void flush() {
        }

        String all() {
            return String.join("", lines);
        }

        @Override
        public void close() {
            top.removeHandler(this);
            top.setLevel(before);
        }
    }

    @Test
    void aGuestWritesThroughTheLuksLayerAndThePassphraseLeaksNowhere() throws Exception {
        try (AllLogRecords log = new AllLogRecords()) {
            guestOnLuksDisks();
            String text = log.all();
            assertFalse(text.isEmpty(), "nothing was logged: the capture is not working");
            for (String secret : List.of(passphrase, volPassphrase)) {
                assertFalse(text.contains(secret) || text.contains(base64(secret)), "a passphrase was logged");
            }
        }
    }

    private static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void guestOnLuksDisks() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        Path disk = fx.dir.resolve("luks.qcow2");
        createLuks(disk);
        String token = "h2token-" + UUID.randomUUID();
        Path serial = fx.dir.resolve("ser.sock");
        try (Connect c = Connect.open(fx.uri)) {
            UUID u = UUID.randomUUID();
            Secret s = c.secretDefineXML("<secret ephemeral='no' private='yes'><uuid>" + u + "</uuid>"
                    + "<usage type='volume'><volume>" + disk + "</volume></usage></secret>");
            s.setValue(passphrase.getBytes(StandardCharsets.UTF_8));
            VirtException priv = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class, s::getValue);
            assertEquals(ErrorNumber.INVALID_SECRET, priv.error().number());

            Domain d = c.domainCreateXML(domainXml(g, "h2luks", disk, "uuid='" + u + "'", serial));
            try (SerialShell sh = new SerialShell(serial, Duration.ofSeconds(30))) {
                sh.waitFor(Pattern.compile("TESTGUEST-READY"), 0, Duration.ofSeconds(90));
                assertTrue(sh.text().matches("(?s).*TESTGUEST-DISKS[^\\n]*vda.*"), sh.text());
                List<String> qemu = HostTraces.cmdlines("guest=h2luks");
                assertEquals(1, qemu.size(), qemu.toString());
                assertTrue(qemu.get(0).contains("secret,id=fmt-virtio-disk0-encryption-secret0,format=raw,file="),
                        qemu.get(0));
                assertTrue(qemu.get(0).contains("encrypt.format=luks,encrypt.key-secret="), qemu.get(0));
                assertFalse(qemu.get(0).contains(passphrase), "the passphrase is on QEMU's command line");
                try (Stream<Path> files = Files.walk(fx.dir.resolve("q/run"))) {
                    assertEquals(List.of(), files.filter(p -> p.toString().contains("secret")).toList(),
                            "the secret file outlived QEMU's start");
                }
                sh.run("printf '" + token + "' | dd of=/dev/vda bs=512 conv=sync 2>/dev/null; sync",
                        Duration.ofSeconds(30));
                String back = sh.run("dd if=/dev/vda bs=512 count=1 2>/dev/null | head -c " + token.length(),
                        Duration.ofSeconds(30));
                assertTrue(back.contains(token), back);

                // a LUKS volume made by the storage driver with a second private secret (found by its usage),
                // hot-plugged: its secret goes to QEMU through QMP object-add
                Path volPath = fx.dir.resolve("pool/data.qcow2");
                Secret vs = c.secretDefineXML("<secret ephemeral='no' private='yes'><usage type='volume'><volume>"
                        + volPath + "</volume></usage></secret>");
                vs.setValue(volPassphrase.getBytes(StandardCharsets.UTF_8));
                org.jvirt.StoragePool pool = c.storagePoolDefineXML("<pool type='dir'><name>h2luks</name><target>"
                        + "<path>" + fx.dir.resolve("pool") + "</path></target></pool>");
                pool.create(org.jvirt.flags.StoragePoolCreateFlag.WITH_BUILD);
                org.jvirt.StorageVol vol = createVolume(pool, "<volume><name>data.qcow2</name>"
                        + "<capacity unit='M'>8</capacity><target><format type='qcow2'/>"
                        + "<encryption format='luks'><secret type='passphrase' uuid='" + vs.getUUIDString() + "'/>"
                        + "</encryption></target></volume>");
                assertEquals(volPath.toString(), vol.getPath());
                String info = HostCommands.run("qemu-img", "info", "-U", volPath.toString());
                assertTrue(info.contains("encrypted: yes") && info.contains("format: luks"), info);
                assertFalse(Files.exists(fx.dir.resolve("session/run/storage-secrets"))
                        && Files.list(fx.dir.resolve("session/run/storage-secrets")).findAny().isPresent(),
                        "the storage driver left its secret file");
                int from = sh.text().length();
                d.attachDevice("""
                        <disk type='file' device='disk'>
                          <driver name='qemu' type='qcow2'/>
                          <source file='%s'/>
                          <target dev='vdb' bus='virtio'/>
                          <encryption format='luks'><secret type='passphrase' usage='%s'/></encryption>
                        </disk>""".formatted(volPath, volPath));
                sh.waitFor(Pattern.compile("TESTGUEST-UEVENT add block vdb"), from, Duration.ofSeconds(30));
                sh.run("printf '" + token + "-vdb' | dd of=/dev/vdb bs=512 conv=sync 2>/dev/null; sync",
                        Duration.ofSeconds(30));
                assertTrue(sh.run("dd if=/dev/vdb bs=512 count=1 2>/dev/null | head -c " + (token.length() + 4),
                        Duration.ofSeconds(30)).contains(token + "-vdb"));
                assertFalse(HostTraces.cmdlines("guest=h2luks").get(0).contains(volPassphrase));
                assertEquals(List.of(), HostTraces.filesContaining(fx.dir, passphrase).stream()
                        .filter(p -> !p.getFileName().toString().equals("pass")).toList());
                assertEquals(List.of(), HostTraces.filesContaining(fx.dir, volPassphrase).stream()
                        .filter(p -> !p.getFileName().toString().equals("pass")).toList());
                assertEquals(List.of(), HostTraces.filesContaining(fx.dir, base64(volPassphrase)));
            } finally {
                d.destroy();
            }
        }
        assertEquals(List.of(), HostTraces.filesContaining(fx.dir, token).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".log")).toList(),
                "the token is in the clear in an image");
        assertEquals(token, firstBytes(disk, passphrase, token.length()));
        assertEquals(token + "-vdb", firstBytes(fx.dir.resolve("pool/data.qcow2"), volPassphrase,
                token.length() + 4));
    }
}
