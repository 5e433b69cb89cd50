package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jvirt.Connect;
import org.jvirt.VirtException;
import org.jvirt.remote.RemoteConformanceSuite;
import org.jvirt.remote.Sshd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jvirtd behind ssh, both of libvirt's ssh proxy modes, both clients. A private loopback sshd (jvirt-remote's
 * {@link Sshd}) runs what the client asks for: netcat ({@code nc -U} on jvirtd's socket; the URI names the socket)
 * or, with {@code ?proxy=native}, {@code virt-ssh-helper URI} — here a wrapper, first on the session's PATH, that
 * runs jvirtd's own {@code --ssh-helper}. jvirt's client runs the conformance suite through each (this class:
 * netcat; {@link NativeProxy}: the helper); real virsh 9.0 lists, drives a domain's lifecycle and gets errors
 * through each.
 */
class SshTransportTest extends RemoteConformanceSuite {

    private static DaemonFixture fx;
    private static Sshd sshd;
    private static Path helperLog;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture();
        Path bin = Files.createDirectories(fx.dir.resolve("ssh-bin"));
        helperLog = fx.dir.resolve("helper.log");
        writeHelper(bin.resolve("virt-ssh-helper"));
        sshd = Sshd.start(bin);
    }

    /**
     * virt-ssh-helper as libvirt's client runs it ({@code virt-ssh-helper [-r] URI}): jvirtd's --ssh-helper on this
     * JVM's class path, bridging to the test daemon's socket (the read-only one with -r). Logs its arguments, so
     * the tests can tell it really ran.
     */
    private static void writeHelper(Path helper) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String script = """
                #!/bin/sh
                echo "$*" >> '%s'
                sock='%s'
                [ "$1" = "-r" ] && sock='%s'
                exec '%s' -cp '%s' -XX:TieredStopAtLevel=1 org.jvirt.daemon.Main --ssh-helper \
                --socket "$sock" "$@"
                """.formatted(helperLog, fx.daemon.socketPath(), fx.daemon.readOnlySocketPath(), java,
                System.getProperty("java.class.path"));
        Files.writeString(helper, script);
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    /** netcat mode: the socket is named, as libvirt needs for any daemon but the system one. */
    private static String netcatUri() {
        return sshd.uri("test", "/default", "socket=" + fx.daemon.socketPath());
    }

    private static String nativeUri() {
        return sshd.uri("test", "/default", "proxy=native");
    }

    @Override
    protected String uri() {
        return netcatUri();
    }

    /** The same suite through jvirtd's own ssh helper. */
    @Nested
    class NativeProxy extends RemoteConformanceSuite {

        @Override
        protected String uri() {
            return nativeUri();
        }

        @Test
        void theHelperIsWhatRan() throws Exception {
            try (Connect c = Connect.open(uri()); Connect ro = Connect.openReadOnly(uri())) {
                assertEquals(List.of("test"), c.listAllDomains().stream().map(d -> d.getName()).toList());
                assertEquals("test", ro.domainLookupByName("test").getName());
            }
            List<String> calls = Files.readAllLines(helperLog);
            assertTrue(calls.contains("test:///default"), calls::toString);
            assertTrue(calls.contains("-r test:///default"), calls::toString);
        }

        /** Closing the connection ends the local ssh and, on the far side, the helper: nothing lingers. */
        @Test
        void closingEndsSshAndTheHelper() throws Exception {
            try (Connect c = Connect.open(uri())) {
                assertFalse(c.getHostname().isEmpty());
                assertFalse(helpers().isEmpty());
                assertFalse(sshChildren().isEmpty());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && !(helpers().isEmpty() && sshChildren().isEmpty())) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), helpers());
            assertEquals(List.of(), sshChildren());
        }

        /** jvirtd --ssh-helper processes serving this test's daemon. */
        private static List<String> helpers() {
            String sock = fx.daemon.socketPath().toString();
            return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                    .filter(cmd -> cmd.contains("--ssh-helper") && cmd.contains(sock)).toList();
        }

        /** The ssh clients this JVM started. */
        private static List<String> sshChildren() {
            return ProcessHandle.current().children().map(p -> p.info().commandLine().orElse(""))
                    .filter(cmd -> cmd.startsWith("ssh ") || cmd.contains("/ssh ")).toList();
        }
    }

    // ---- jvirt's client

    @Test
    void javaClientSeesSshAsSecureNotEncrypted() {
        try (Connect c = Connect.open(uri())) {
            assertTrue(c.isSecure());
            assertFalse(c.isEncrypted());
            assertEquals(uri(), c.getURI());
        }
    }

    /** Both clients fail alike when nothing listens on the named socket: nc's last words are the message. */
    @Test
    void missingSocketFailsAlikeInBothClients() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        String uri = sshd.uri("test", "/default", "socket=" + fx.dir.resolve("no-such-sock") + "&command="
                + sshd.sshCommand());
        VirtException e = assertThrows(VirtException.class, () -> Connect.open(uri));
        Tools.Result r = Tools.virsh(uri, "list");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("error: " + e.getMessage()), () -> e.getMessage() + "\n" + r);
    }

    // ---- real virsh 9.0

    private static String virshUri(String mode) throws IOException {
        return (mode.equals("netcat") ? netcatUri() : nativeUri()) + "&command=" + sshd.sshCommand();
    }

    private static Tools.Result ok(Tools.Result r) {
        assertEquals(0, r.code(), () -> r + "\n--- sshd\n" + sshd.log());
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"netcat", "native"})
    void virshListsTheDefaultObjects(String mode) throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        String u = virshUri(mode);
        assertTrue(ok(Tools.virsh(u, "list", "--all")).out().matches("(?s).*\\b1\\s+test\\s+running.*"));
        assertTrue(ok(Tools.virsh(u, "net-list", "--all")).out().matches("(?s).*default\\s+active.*"));
        assertTrue(ok(Tools.virsh(u, "pool-list", "--all")).out().matches("(?s).*default-pool\\s+active.*"));
        assertTrue(ok(Tools.virsh(u, "uri")).out().contains("test+ssh://"));
        assertTrue(ok(Tools.virsh(u, "version")).out().contains("Running hypervisor: TEST"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"netcat", "native"})
    void virshDrivesALifecycleAndGetsErrors(String mode) throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        String u = virshUri(mode);
        String name = "jv-ssh-" + mode;
        Path xml = fx.dir.resolve(name + ".xml");
        Files.writeString(xml, "<domain type='test'><name>" + name + "</name><memory>65536</memory>"
                + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        ok(Tools.virsh(u, "define", xml.toString()));
        ok(Tools.virsh(u, "start", name));
        assertTrue(ok(Tools.virsh(u, "domstate", name)).out().contains("running"));
        ok(Tools.virsh(u, "suspend", name));
        assertTrue(ok(Tools.virsh(u, "domstate", name)).out().contains("paused"));
        ok(Tools.virsh(u, "destroy", name));
        Tools.Result again = Tools.virsh(u, "destroy", name);
        assertEquals(1, again.code(), again::toString);
        assertTrue(again.err().contains("Requested operation is not valid: domain is not running"), again::toString);
        ok(Tools.virsh(u, "undefine", name));
        Tools.Result gone = Tools.virsh(u, "dominfo", name);
        assertEquals(1, gone.code(), gone::toString);
        assertTrue(gone.err().contains("failed to get domain '" + name + "'"), gone::toString);
    }

    /** virsh -r: libvirt's client asks the helper for the read-only socket; the daemon refuses changes. */
    @Test
    void virshReadOnlyThroughTheHelper() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        String u = virshUri("native");
        assertTrue(ok(Tools.virsh(u, "-r", "list", "--all")).out().contains("test"));
        Tools.Result r = Tools.virsh(u, "-r", "suspend", "test");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("operation forbidden"), r::toString);
        assertTrue(Files.readAllLines(helperLog).contains("-r test:///default"));
    }
}
