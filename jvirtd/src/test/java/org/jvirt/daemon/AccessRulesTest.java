package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonConfig;

/**
 * access_drivers = ["rules"] with real virsh run as {@code nobody} (its unix identity) next to root: a denied
 * call gets libvirt's ACCESS_DENIED "'Test' denied access", lists show only the permitted objects, and a lookup
 * of a hidden object is denied, not "not found".
 */
class AccessRulesTest {

    private static Path dir;
    private static Daemon daemon;
    private static Connect keeper;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no virsh");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run virsh as nobody");
        dir = Files.createTempDirectory("jvirtd-acl");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rules = dir.resolve("rules.conf");
        Files.writeString(rules, """
                # root may do everything; nobody may look at the domain "test" and list
                unix-user:root     *              *
                unix-user:nobody   connect        getattr,read,search_domains,search_networks
                unix-user:nobody   domain:test    getattr,read
                unix-user:nobody   domain:nb-*    getattr,read,write,save,delete
                """);
        String conf = """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0777"
                listen_tcp = 0
                listen_tls = 0
                access_drivers = ["rules"]
                access_rules_file = "%s"
                """.formatted(dir.resolve("run"), rules);
        keeper = Connect.open("test:///default");
        daemon = new Daemon(DaemonConfig.from(ConfFile.parse(conf, "test.conf")), false, 0);
        daemon.start();
        Files.setPosixFilePermissions(dir.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Connect root = Connect.open(uri())) {
            root.domainDefineXML("<domain type='test'><name>hidden</name><memory>65536</memory><vcpu>1</vcpu>"
                    + "<os><type>hvm</type></os></domain>");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            try (Connect root = Connect.open(uri())) {
                root.domainLookupByName("hidden").undefine();
            } catch (VirtException e) {
                // already gone
            }
            daemon.stop();
        }
        if (keeper != null) {
            keeper.close();
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String uri() {
        return "test+unix:///default?socket=" + daemon.socketPath();
    }

    private static Tools.Result virshAsNobody(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env", "HOME=" + dir,
                "XDG_CONFIG_HOME=" + dir.resolve("cfg"), "XDG_CACHE_HOME=" + dir.resolve("cache"),
                Tools.VIRSH.toString(), "-c", uri()));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 60);
    }

    @Test
    void rootSeesEverything() {
        try (Connect root = Connect.open(uri())) {
            List<String> names = root.listAllDomains().stream().map(d -> d.getName()).toList();
            assertTrue(names.containsAll(List.of("test", "hidden")), names.toString());
        }
    }

    @Test
    void aListShowsOnlyPermittedObjects() throws Exception {
        Tools.Result r = virshAsNobody("list", "--all", "--name");
        assertEquals(0, r.code(), r::toString);
        assertEquals("test", r.out().strip(), r::toString);
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        try (Connect root = Connect.open(uri())) {
            var hidden = root.domainLookupByName("hidden");
            hidden.create();
            try {
                int testId = root.domainLookupByName("test").getID();
                // the legacy calls: CONNECT_LIST_DOMAINS (ids) and CONNECT_LIST_DEFINED_DOMAINS (names)
                Tools.Result py = Tools.run(List.of("runuser", "-u", "nobody", "--", "env", "HOME=" + dir, "python3",
                        "-c", """
                        import sys, libvirt
                        c = libvirt.open(sys.argv[1])
                        print(c.listDomainsID(), c.listDefinedDomains())
                        """, uri()), 60);
                assertEquals("[" + testId + "] []", py.out().strip(), py::toString);
            } finally {
                hidden.destroy();
            }
        }
    }

    @Test
    void permittedReadsWork() throws Exception {
        Tools.Result r = virshAsNobody("dumpxml", "test");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("<name>test</name>"), r::toString);
    }

    @Test
    void aDeniedCallIsLibvirtsAccessDenied() throws Exception {
        Tools.Result r = virshAsNobody("suspend", "test");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("access denied: 'Test' denied access"), r::toString);
        try (Connect root = Connect.open(uri())) {
            assertEquals(1, root.domainLookupByName("test").getInfo().state().code(), "still running");
        }
    }

    @Test
    void aHiddenObjectCannotBeLookedUp() throws Exception {
        Tools.Result r = virshAsNobody("dominfo", "hidden");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("failed to get domain 'hidden'"), r::toString);
        assertFalse(r.out().contains("hidden"), r::toString);
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        Tools.Result py = Tools.run(List.of("runuser", "-u", "nobody", "--", "env", "HOME=" + dir, "python3", "-c", """
                import sys, libvirt
                c = libvirt.open(sys.argv[1])
                try:
                    c.lookupByName('hidden')
                    print('FOUND')
                except libvirt.libvirtError as e:
                    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())
                """, uri()), 60);
        assertEquals("88 55 access denied: 'Test' denied access", py.out().strip(), py::toString);
    }

    @Test
    void defineIsDeniedWithoutWrite() throws Exception {
        Path xml = dir.resolve("n.xml");
        Files.writeString(xml, "<domain type='test'><name>nobodys</name><memory>65536</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain>");
        Files.setPosixFilePermissions(xml, PosixFilePermissions.fromString("rw-r--r--"));
        Tools.Result r = virshAsNobody("define", xml.toString());
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("access denied"), r::toString);
        try (Connect root = Connect.open(uri())) {
            VirtException e = assertThrows(VirtException.class, () -> root.domainLookupByName("nobodys"));
            assertEquals(ErrorNumber.NO_DOMAIN.code(), e.error().code());
            assertEquals(ErrorDomain.TEST.code(), e.error().domain());
        }
        assertTrue(Map.of().isEmpty());
    }

    @Test
    void eventsOnlyAboutVisibleObjects() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        Path out = dir.resolve("events.out");
        Files.deleteIfExists(out);
        Process p = Tools.start(out, "runuser", "-u", "nobody", "--", "env", "HOME=" + dir, "python3", "-u", "-c", """
                import sys, time, libvirt
                libvirt.virEventRegisterDefaultImpl()
                c = libvirt.open(sys.argv[1])
                seen = []
                c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         lambda conn, dom, ev, det, op: seen.append(dom.name()), None)
                libvirt.virEventAddTimeout(100, lambda t, o: None, None)
                print('READY')
                end = time.time() + 5
                while time.time() < end:
                    libvirt.virEventRunDefaultImpl()
                print('SEEN', sorted(set(seen)))
                """, uri());
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(Files.exists(out) && Files.readString(out).contains("READY"))) {
                assertTrue(System.nanoTime() < deadline && p.isAlive(), () -> "python did not start");
                Thread.sleep(100);
            }
            try (Connect root = Connect.open(uri())) {
                var hidden = root.domainLookupByName("hidden");
                hidden.create();
                hidden.destroy();
                var test = root.domainLookupByName("test");
                test.suspend();
                test.resume();
            }
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(Files.readString(out).contains("SEEN ['test']"), Files.readString(out));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void defineIsCheckedOnTheNameInTheXml() throws Exception {
        Path xml = dir.resolve("nb.xml");
        Files.writeString(xml, "<domain type='test'><name>nb-1</name><memory>65536</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain>");
        Files.setPosixFilePermissions(xml, PosixFilePermissions.fromString("rw-r--r--"));
        Tools.Result r = virshAsNobody("define", xml.toString());
        assertEquals(0, r.code(), r::toString);
        Tools.Result list = virshAsNobody("list", "--all", "--name");
        assertEquals(List.of("nb-1", "test"), list.out().strip().lines().sorted().toList(), list::toString);
        assertEquals(0, virshAsNobody("undefine", "nb-1").code());
    }
}
