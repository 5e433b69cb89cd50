package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonConfig;

/**
 * Real polkit: a private system bus (dbus-daemon with its own config and socket) and the real polkitd on it,
 * the real pkcheck asking it (through a two-line wrapper that points DBUS_SYSTEM_BUS_ADDRESS at the private
 * bus). polkitd reads action definitions only from /usr/share/polkit-1/actions, so the test installs libvirt's
 * action ids it needs there under a file name of its own and removes it afterwards. Real virsh, as nobody, goes
 * through AUTH_POLKIT (org.libvirt.unix.manage) and the polkit access driver: a permitted query works, a
 * suspend whose action polkit refuses gets ACCESS_DENIED.
 */
class PolkitRealTest {

    private static final Path POLKITD = Path.of("/usr/lib/polkit-1/polkitd");
    private static final Path PKCHECK = Path.of("/usr/bin/pkcheck");
    private static final Path DBUS = Path.of("/usr/bin/dbus-daemon");

    private static Path dir;
    private static Path policy;
    private static Process bus;
    private static Process polkitd;
    private static Daemon daemon;
    private static Connect keeper;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(POLKITD) && Files.isExecutable(PKCHECK) && Files.isExecutable(DBUS),
                "no polkitd/pkcheck/dbus-daemon");
        assumeTrue(Tools.hasVirsh(), "no virsh");
        dir = Files.createTempDirectory("auth-polkit");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        policy = Path.of("/usr/share/polkit-1/actions/org.libvirt.jvirt-authtest-" + ProcessHandle.current().pid()
                + ".policy");
        StringBuilder actions = new StringBuilder();
        for (String[] a : new String[][] {{"org.libvirt.unix.manage", "yes"}, {"org.libvirt.api.connect.getattr", "yes"},
                {"org.libvirt.api.connect.read", "yes"}, {"org.libvirt.api.connect.search-domains", "yes"},
                {"org.libvirt.api.domain.getattr", "yes"}, {"org.libvirt.api.domain.read", "yes"},
                {"org.libvirt.api.domain.suspend", "no"}}) {
            actions.append("""
                      <action id="%s">
                        <description>jvirt test</description>
                        <message>jvirt test</message>
                        <defaults><allow_any>%s</allow_any><allow_inactive>%s</allow_inactive>\
                    <allow_active>%s</allow_active></defaults>
                      </action>
                    """.formatted(a[0], a[1], a[1], a[1]));
        }
        Files.writeString(policy, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE policyconfig PUBLIC "-//freedesktop//DTD PolicyKit Policy Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/PolicyKit/1/policyconfig.dtd">
                <policyconfig>
                %s</policyconfig>
                """.formatted(actions));
        Path busSocket = dir.resolve("bus");
        Files.writeString(dir.resolve("bus.conf"), """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>system</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/>
                  </policy>
                </busconfig>
                """.formatted(busSocket));
        bus = new ProcessBuilder(DBUS.toString(), "--config-file=" + dir.resolve("bus.conf"), "--nofork")
                .redirectErrorStream(true).redirectOutput(dir.resolve("bus.log").toFile()).start();
        waitFor(busSocket);
        Files.setPosixFilePermissions(busSocket, PosixFilePermissions.fromString("rwxrwxrwx"));
        ProcessBuilder pk = new ProcessBuilder(POLKITD.toString(), "--no-debug").redirectErrorStream(true)
                .redirectOutput(dir.resolve("polkitd.log").toFile());
        pk.environment().put("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + busSocket);
        polkitd = pk.start();
        Path wrapper = dir.resolve("pkcheck");
        Files.writeString(wrapper, "#!/bin/sh\nDBUS_SYSTEM_BUS_ADDRESS=unix:path=" + busSocket + " exec " + PKCHECK
                + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        waitForPolkit(wrapper);
        String conf = """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0777"
                listen_tcp = 0
                listen_tls = 0
                auth_unix_rw = "polkit"
                access_drivers = ["polkit"]
                pkcheck_path = "%s"
                """.formatted(dir.resolve("run"), wrapper);
        keeper = Connect.open("test:///default");
        daemon = new Daemon(DaemonConfig.from(ConfFile.parse(conf, "test.conf")), false, 0);
        daemon.start();
        Files.setPosixFilePermissions(dir.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void waitFor(Path p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(p)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(p + " did not appear");
            }
            Thread.sleep(50);
        }
    }

    /** polkitd is up once it answers for this process (root: authorized). */
    private static void waitForPolkit(Path pkcheck) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Tools.Result r = Tools.run(List.of(pkcheck.toString(), "--action-id", "org.libvirt.api.connect.getattr",
                    "--process", Long.toString(ProcessHandle.current().pid())), 10);
            if (r.code() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("polkitd not answering: " + r + Files.readString(dir.resolve("polkitd.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.stop();
        }
        if (keeper != null) {
            keeper.close();
        }
        for (Process p : new Process[] {polkitd, bus}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        if (policy != null) {
            Files.deleteIfExists(policy);
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Tools.Result virshAsNobody(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env", "HOME=" + dir,
                Tools.VIRSH.toString(), "-c", "test+unix:///default?socket=" + daemon.socketPath()));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 60);
    }

    @Test
    void polkitAllowsTheQueryAndRefusesTheSuspend() throws Exception {
        Tools.Result ok = virshAsNobody("domstate", "test");
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().contains("running"), ok::toString);
        Tools.Result no = virshAsNobody("suspend", "test");
        assertNotEquals(0, no.code(), no::toString);
        assertTrue(no.err().contains("access denied: 'Test' denied access"), no::toString);
    }
}
