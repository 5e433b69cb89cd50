package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.secret.SecretXml;

/**
 * Config writes under faults, with secrets (the host driver writes each definition atomically under host_root):
 * kill -9 of jvirtd during 1000 defines leaves every acknowledged definition present and valid after a restart,
 * and every file on disk parses; a full file system (a 512 KiB tmpfs mounted as host_root) makes a define fail
 * with libvirt's system error and leaves the old definition as it was.
 */
class PersistenceFaultsTest {

    private static String secretXml(UUID uuid, String description) {
        return "<secret ephemeral='no' private='no'><uuid>" + uuid + "</uuid><description>" + description
                + "</description><usage type='volume'><volume>/var/lib/x/" + uuid + ".img</volume></usage></secret>";
    }

    private static void removeTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Every definition under the secrets' config directory parses. A kill -9 may leave the temporary file of
     * the write it interrupted (".NAME.xml.N.tmp", never read as a definition): those are counted, not parsed.
     */
    private static int checkFiles(Path root) throws IOException {
        Path dir;
        try (Stream<Path> s = Files.walk(root)) {
            dir = s.filter(p -> p.getFileName().toString().equals("secrets") && Files.isDirectory(p)
                    && p.toString().contains("etc")).findFirst().orElseThrow();
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".xml")) {
                    SecretXml.parse(Files.readString(p)); // throws when a file is half written
                    n++;
                } else {
                    assertTrue(name.startsWith(".") && name.endsWith(".tmp"), "unexpected file: " + p);
                }
            }
        }
        return n;
    }

    @Test
    void killDashNineDuringDefinesLosesNothingAcknowledged() throws Exception {
        Path dir = Files.createTempDirectory("jvirtd-kill9");
        Path root = dir.resolve("root");
        try {
            String conf = JvirtdProcess.baseConf(dir);
            List<UUID> acknowledged = new ArrayList<>();
            int total = 1000;
            int killAt = ThreadLocalRandom.current().nextInt(200, 800);
            try (JvirtdProcess d = JvirtdProcess.start(dir, "victim", conf, Map.of()).awaitSocket()) {
                String uri = "secret+unix:///system?socket=" + d.socket + "&host_root=" + root;
                AtomicBoolean killed = new AtomicBoolean();
                try (Connect c = Connect.open(uri)) {
                    for (int i = 0; i < total; i++) {
                        UUID u = UUID.randomUUID();
                        if (i == killAt) {
                            // killed while this define is on its way: it may or may not be there afterwards
                            Thread.ofVirtual().start(() -> {
                                d.process.destroyForcibly();
                                killed.set(true);
                            });
                        }
                        try {
                            c.secretDefineXML(secretXml(u, "define " + i));
                            acknowledged.add(u);
                        } catch (VirtException e) {
                            assertTrue(i >= killAt, "define " + i + " failed before the kill: " + e.getMessage());
                            break;
                        }
                    }
                } catch (VirtException e) {
                    // closing a dead connection
                }
                assertTrue(d.process.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, d.process.exitValue(), "not killed by SIGKILL");
            }
            assertTrue(acknowledged.size() >= killAt, acknowledged.size() + " acknowledged, kill at " + killAt);
            int onDisk = checkFiles(root);
            try (JvirtdProcess again = JvirtdProcess.start(dir, "again", conf, Map.of()).awaitSocket();
                 Connect c = Connect.open("secret+unix:///system?socket=" + again.socket + "&host_root=" + root)) {
                for (UUID u : acknowledged) {
                    SecretXml x = SecretXml.parse(c.secretLookupByUUID(u).getXMLDesc());
                    assertEquals(u, x.uuid());
                }
                assertEquals(onDisk, c.listAllSecrets().size());
            }
            System.out.printf("kill -9 after %d of %d defines: %d acknowledged, all present; %d on disk%n",
                    killAt, total, acknowledged.size(), onDisk);
        } finally {
            removeTree(dir);
        }
    }

    @Test
    void fullDiskFailsTheDefineAndKeepsTheOldDefinition() throws Exception {
        Path dir = Files.createTempDirectory("jvirtd-full");
        Path root = Files.createDirectories(dir.resolve("root"));
        String tag = "limits-full-" + ProcessHandle.current().pid();
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", tag,
                root.toString()).inheritIO().start().waitFor());
        try (Connect c = Connect.open("secret:///system?host_root=" + root)) {
            UUID first = UUID.randomUUID();
            c.secretDefineXML(secretXml(first, "the original"));
            String before = c.secretLookupByUUID(first).getXMLDesc();
            // fill the file system to the last byte
            Path filler = root.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
            }
            VirtException e = assertThrows(VirtException.class,
                    () -> c.secretDefineXML(secretXml(first, "x".repeat(8000))));
            assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            VirtException e2 = assertThrows(VirtException.class,
                    () -> c.secretDefineXML(secretXml(UUID.randomUUID(), "a new one")));
            assertEquals(ErrorNumber.SYSTEM_ERROR, e2.number());
            assertEquals(before, c.secretLookupByUUID(first).getXMLDesc(), "the definition in memory changed");
            assertEquals(1, c.listAllSecrets().size());
            assertEquals(1, checkFiles(root));
            Files.delete(filler);
            c.secretDefineXML(secretXml(first, "changed once there is room"));
            assertTrue(c.secretLookupByUUID(first).getXMLDesc().contains("changed once there is room"));
        } finally {
            new ProcessBuilder("umount", root.toString()).inheritIO().start().waitFor();
            removeTree(dir);
        }
    }
}
