package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real virsh 9.0 and python3-libvirt against jvirtd's secret driver (jvirt-driver-host): secret:///system and
 * qemu:///system, both with the test's own host root. The private value never crosses the wire.
 */
class HostSecretsInteropTest {

    private static DaemonFixture fx;
    private static Path hostRoot;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no virsh");
        fx = new DaemonFixture();
        hostRoot = fx.dir.resolve("hostroot");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String uri(String scheme) {
        return scheme + "+unix:///system?socket=" + fx.daemon.socketPath() + "&host_root=" + hostRoot;
    }

    private static String roUri(String scheme) {
        return scheme + "+unix:///system?socket=" + fx.daemon.readOnlySocketPath() + "&host_root=" + hostRoot;
    }

    private static Tools.Result ok(Tools.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    @Test
    void virshSecretCommands() throws Exception {
        Path xml = fx.dir.resolve("s1.xml");
        Files.writeString(xml, """
                <secret ephemeral='no' private='no'>
                  <uuid>c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a01</uuid>
                  <usage type='iscsi'><target>iqn.2026-12.org.jvirt:virsh</target></usage>
                </secret>""");
        String u = "c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a01";
        assertTrue(ok(Tools.virsh(uri("secret"), "secret-define", xml.toString())).out()
                .contains("Secret " + u + " created"));
        assertTrue(ok(Tools.virsh(uri("secret"), "secret-list")).out().contains(u + "   iscsi iqn.2026-12.org.jvirt:virsh"));
        ok(Tools.virsh(uri("secret"), "secret-set-value", u, "c2VjcmV0LXZhbHVl"));
        assertEquals("c2VjcmV0LXZhbHVl", ok(Tools.virsh(uri("secret"), "secret-get-value", u)).out().strip());
        // the same secret through a hypervisor connection of the same scope
        String qemu = uri("qemu") + "&state_dir=" + fx.dir.resolve("q-state") + "&run_dir=" + fx.dir.resolve("q-run");
        assertTrue(ok(Tools.virsh(qemu, "secret-dumpxml", u)).out().contains("<target>iqn.2026-12.org.jvirt:virsh</target>"));
        Tools.Result ro = Tools.virsh(roUri("secret"), "secret-get-value", u);
        assertTrue(ro.err().contains("read only access prevents virSecretGetValue"), ro::toString);
        ok(Tools.virsh(uri("secret"), "secret-undefine", u));
        Tools.Result gone = Tools.virsh(uri("secret"), "secret-dumpxml", u);
        assertTrue(gone.err().contains("Secret not found: no secret with matching uuid '" + u + "'"), gone::toString);
    }

    /** Every log record the daemon writes while the test runs, at every level (JUL, where System.Logger goes). */
    private static final class Captured extends java.util.logging.Handler implements AutoCloseable {
        final StringBuilder text = new StringBuilder();
        private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        private final java.util.logging.Level was = root.getLevel();

        Captured() {
            setLevel(java.util.logging.Level.ALL);
            root.setLevel(java.util.logging.Level.ALL);
            root.addHandler(this);
        }

        @Override
        public synchronized void publish(java.util.logging.LogRecord r) {
            text.append(r.getMessage()).append(' ').append(java.util.Arrays.toString(r.getParameters()))
                    .append(' ').append(r.getThrown()).append('\n');
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            root.setLevel(was);
        }
    }

    @Test
    void virshPrivateSecretValueNeverReturned() throws Exception {
        try (Captured log = new Captured()) {
            privateSecretOverVirsh();
            assertFalse(log.text.toString().contains("cHJpdmF0ZQ") || log.text.toString().contains("private-"),
                    log.text::toString);
        }
    }

    private void privateSecretOverVirsh() throws Exception {
        Path xml = fx.dir.resolve("s2.xml");
        Files.writeString(xml, "<secret private='yes'><uuid>c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a02</uuid>"
                + "<usage type='ceph'><name>client.virsh</name></usage></secret>");
        String u = "c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a02";
        ok(Tools.virsh(uri("secret"), "secret-define", xml.toString()));
        ok(Tools.virsh(uri("secret"), "secret-set-value", u, "cHJpdmF0ZS12YWx1ZQ==")); // "private-value"
        Tools.Result r = Tools.virsh(uri("secret"), "secret-get-value", u);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("Invalid secret: secret is private"), r::toString);
        assertFalse(r.out().contains("cHJpdmF0ZQ") || r.err().contains("cHJpdmF0ZQ"), r::toString);
        ok(Tools.virsh(uri("secret"), "secret-undefine", u));
    }

    @Test
    void virshSecretEvents() throws Exception {
        Path out = fx.dir.resolve("secret-events.txt");
        Path out2 = fx.dir.resolve("secret-value-events.txt");
        Process ev = Tools.start(out, Tools.VIRSH.toString(), "-c", uri("secret"), "secret-event", "--event", "lifecycle",
                "--loop", "--timeout", "8");
        Process ev2 = Tools.start(out2, Tools.VIRSH.toString(), "-c", uri("secret"), "secret-event", "--event",
                "value-changed", "--loop", "--timeout", "8");
        try {
            Thread.sleep(2000);
            Path xml = fx.dir.resolve("s3.xml");
            Files.writeString(xml, "<secret><uuid>c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a03</uuid>"
                    + "<usage type='tls'><name>ev</name></usage></secret>");
            ok(Tools.virsh(uri("secret"), "secret-define", xml.toString()));
            ok(Tools.virsh(uri("secret"), "secret-set-value", "c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a03", "eA=="));
            ok(Tools.virsh(uri("secret"), "secret-undefine", "c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a03"));
            assertTrue(ev.waitFor(30, TimeUnit.SECONDS));
            assertTrue(ev2.waitFor(30, TimeUnit.SECONDS));
        } finally {
            ev.destroy();
            ev2.destroy();
        }
        String text = Files.readString(out) + Files.readString(out2);
        assertTrue(text.contains("event 'lifecycle' for secret c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a03: Defined"), text);
        assertTrue(text.contains("event 'value-changed' for secret c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a03"), text);
        assertTrue(text.contains("event 'lifecycle' for secret c1a8a4b6-13c7-4c43-9b23-3b1e0f0b7a03: Undefined"), text);
    }

    private static final String PY = """
            import sys, libvirt
            c = libvirt.open(sys.argv[1])
            s = c.secretDefineXML("<secret private='yes'><usage type='volume'><volume>/py/v.img</volume></usage></secret>")
            s.setValue(b'py-secret')
            try:
                s.value()
                raise SystemExit('private value returned')
            except libvirt.libvirtError as e:
                assert e.get_error_code() == libvirt.VIR_ERR_INVALID_SECRET, e.get_error_code()
                assert e.get_error_domain() == libvirt.VIR_FROM_SECRET, e.get_error_domain()
            p = c.secretDefineXML("<secret ephemeral='yes'><usage type='vtpm'><name>py-tpm</name></usage></secret>")
            p.setValue(b'\\x00\\x01binary')
            assert p.value() == b'\\x00\\x01binary'
            assert [x.UUIDString() for x in c.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_EPHEMERAL)] == [p.UUIDString()]
            assert [x.UUIDString() for x in c.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_PRIVATE)] == [s.UUIDString()]
            assert c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VTPM, 'py-tpm').UUIDString() == p.UUIDString()
            assert s.usageType() == libvirt.VIR_SECRET_USAGE_TYPE_VOLUME and s.usageID() == '/py/v.img'
            try:
                c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_CEPH, 'nope')
                raise SystemExit('found')
            except libvirt.libvirtError as e:
                assert e.get_error_code() == libvirt.VIR_ERR_NO_SECRET
            s.undefine()
            p.undefine()
            assert c.numOfSecrets() == 0, c.numOfSecrets()
            print('OK')
            """;

    /** jvirt's own remote driver against jvirtd: values travel, a private one does not. */
    @Test
    void javaRemoteClient() throws Exception {
        try (org.jvirt.Connect c = org.jvirt.Connect.open(uri("secret"))) {
            org.jvirt.Secret s = c.secretDefineXML("<secret private='yes'><usage type='iscsi'><target>iqn.java</target>"
                    + "</usage></secret>");
            s.setValue(new byte[] {1, 2, 3});
            org.jvirt.VirtException e = org.junit.jupiter.api.Assertions.assertThrows(org.jvirt.VirtException.class,
                    s::getValue);
            assertEquals(org.jvirt.ErrorNumber.INVALID_SECRET, e.error().number());
            assertEquals(org.jvirt.ErrorDomain.SECRET, e.error().errorDomain());
            // elevation is a property of the calling thread in the daemon, never something a client can send
            org.jvirt.VirtException elevated = org.junit.jupiter.api.Assertions.assertThrows(
                    org.jvirt.VirtException.class, () -> org.jvirt.spi.Elevation.call(s::getValue));
            assertEquals(org.jvirt.ErrorNumber.INVALID_SECRET, elevated.error().number());
            org.jvirt.Secret open = c.secretDefineXML("<secret><usage type='tls'><name>java</name></usage></secret>");
            open.setValue(new byte[] {4, 5});
            org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {4, 5}, open.getValue());
            s.undefine();
            open.undefine();
        }
    }

    @Test
    void pythonLibvirtSecrets() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        Tools.Result r = Tools.python(PY, uri("secret"));
        assertEquals("OK", r.out().strip(), r::toString);
    }
}
