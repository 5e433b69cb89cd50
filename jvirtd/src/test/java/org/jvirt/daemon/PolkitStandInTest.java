package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonConfig;

/**
 * polkit through pkcheck, with a stand-in pkcheck (a script that records its argument list and answers by
 * action id): polkitd needs the system D-Bus and logind, which this machine does not run. Checks the argv
 * jvirtd builds (libvirt's action ids, the client's pid,start-time,uid, libvirt's details), ACCESS_DENIED from
 * the polkit access driver, and AUTH_POLKIT on the unix socket (org.libvirt.unix.manage; root bypasses it).
 */
class PolkitStandInTest {

    private static Path dir;
    private static Path log;
    private static Path deny;
    private static Daemon daemon;
    private static Connect keeper;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for runuser");
        dir = Files.createTempDirectory("jvirtd-polkit");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        log = dir.resolve("pkcheck.log");
        deny = dir.resolve("deny");
        Path pkcheck = dir.resolve("pkcheck");
        // denies the action ids listed in $dir/deny, one a line; logs each argument on its own line
        Files.writeString(pkcheck, """
                #!/bin/sh
                for a in "$@"; do printf '%%s\\n' "$a"; done >> %s
                echo -- >> %s
                action=$2
                if grep -qx "$action" %s 2>/dev/null; then echo "Not authorized." >&2; exit 1; fi
                exit 0
                """.formatted(log, log, deny));
        Files.setPosixFilePermissions(pkcheck, PosixFilePermissions.fromString("rwxr-xr-x"));
        String conf = """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0777"
                listen_tcp = 0
                listen_tls = 0
                auth_unix_rw = "polkit"
                access_drivers = ["polkit"]
                pkcheck_path = "%s"
                """.formatted(dir.resolve("run"), pkcheck);
        keeper = Connect.open("test:///default");
        daemon = new Daemon(DaemonConfig.from(ConfFile.parse(conf, "test.conf")), false, 0);
        daemon.start();
        Files.setPosixFilePermissions(dir.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
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

    @BeforeEach
    void reset() throws Exception {
        Files.deleteIfExists(log);
        Files.writeString(deny, "");
    }

    private static String uri() {
        return "test+unix:///default?socket=" + daemon.socketPath();
    }

    /** The recorded pkcheck calls, each as its argument list. */
    private static List<List<String>> calls() throws Exception {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String l : Files.readAllLines(log)) {
            if (l.equals("--")) {
                out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(l);
            }
        }
        return out;
    }

    @Test
    void accessChecksAskPolkitWithLibvirtsActionsAndDetails() throws Exception {
        Files.writeString(deny, "org.libvirt.api.domain.suspend\n");
        try (Connect c = Connect.open(uri())) {
            var d = c.domainLookupByName("test");
            VirtException e = assertThrows(VirtException.class, d::suspend);
            assertEquals(ErrorNumber.ACCESS_DENIED.code(), e.error().code());
            assertEquals("access denied: 'Test' denied access", e.getMessage());
        }
        List<List<String>> calls = calls();
        List<String> suspend = calls.stream().filter(a -> a.contains("org.libvirt.api.domain.suspend")).findFirst()
                .orElseThrow(() -> new AssertionError(calls.toString()));
        long pid = ProcessHandle.current().pid();
        assertEquals("--action-id", suspend.get(0));
        assertEquals("--process", suspend.get(2));
        assertTrue(suspend.get(3).matches(pid + ",\\d+,0"), suspend.toString());
        String details = String.join(" ", suspend.subList(4, suspend.size()));
        assertTrue(details.contains("--detail connect_driver Test"), details);
        assertTrue(details.contains("--detail domain_name test"), details);
        assertTrue(details.contains("--detail domain_uuid 6695eb01-f6a4-8304-79aa-97f2502e193f"), details);
        assertTrue(calls.stream().anyMatch(a -> a.contains("org.libvirt.api.connect.getattr")), calls.toString());
        assertTrue(calls.stream().noneMatch(a -> a.contains("org.libvirt.unix.manage")), "root bypasses AUTH_POLKIT");
    }

    private static Tools.Result virshAsNobody(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env", "HOME=" + dir,
                Tools.VIRSH.toString(), "-c", uri()));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 60);
    }

    @Test
    void authPolkitOnTheUnixSocket() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no virsh");
        Tools.Result ok = virshAsNobody("domstate", "test");
        assertEquals(0, ok.code(), ok::toString);
        List<String> manage = calls().get(0);
        assertEquals(List.of("--action-id", "org.libvirt.unix.manage"), manage.subList(0, 2), manage.toString());
        assertTrue(manage.get(3).endsWith("," + uidOfNobody()), manage.toString());
        Files.writeString(deny, "org.libvirt.unix.manage\n");
        Tools.Result no = virshAsNobody("domstate", "test");
        assertNotEquals(0, no.code(), no::toString);
        assertTrue(no.err().contains("authentication failed"), no::toString);
    }

    private static String uidOfNobody() throws Exception {
        return Tools.run(List.of("id", "-u", "nobody"), 10).out().strip();
    }
}
