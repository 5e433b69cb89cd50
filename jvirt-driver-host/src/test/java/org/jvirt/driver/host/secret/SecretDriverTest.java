package org.jvirt.driver.host.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Secret;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.driver.host.EventFanout;
import org.jvirt.driver.host.HostRoot;
import org.jvirt.driver.host.VirtAssert;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.SecretEventId;
import org.jvirt.event.SecretEventType;
import org.jvirt.flags.ListSecretsFlag;
import org.jvirt.spi.Elevation;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.SecretRef;
import org.jvirt.uri.ConnectURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** secret:///system on a real directory: libvirt 9.0's secret driver semantics, files, sealing and events. */
class SecretDriverTest {

    private static final String VOL = """
            <secret ephemeral='no' private='no'>
              <uuid>0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f</uuid>
              <description>LUKS passphrase</description>
              <usage type='volume'><volume>/var/lib/jvirt/images/a.qcow2</volume></usage>
            </secret>""";

    private HostRoot root;
    private Connect conn;

    @BeforeEach
    void open() throws Exception {
        root = new HostRoot();
        conn = Connect.open(root.uri("secret", "system"));
    }

    @AfterEach
    void close() throws Exception {
        conn.close();
        root.close();
    }

    private static VirtException fails(ErrorNumber number, String message, Runnable r) {
        return VirtAssert.fails(ErrorDomain.SECRET, number, message, r);
    }

    private Path secretsDir() {
        return root.dir.resolve("system/etc/secrets");
    }

    @Test
    void defineLookupFormatUndefine() {
        Secret s = conn.secretDefineXML(VOL);
        assertEquals("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f", s.getUUIDString());
        assertEquals(SecretUsageType.VOLUME, s.getUsageType());
        assertEquals("/var/lib/jvirt/images/a.qcow2", s.getUsageID());
        assertEquals("""
                <secret ephemeral='no' private='no'>
                  <uuid>0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f</uuid>
                  <description>LUKS passphrase</description>
                  <usage type='volume'>
                    <volume>/var/lib/jvirt/images/a.qcow2</volume>
                  </usage>
                </secret>
                """, s.getXMLDesc());
        assertEquals(s, conn.secretLookupByUsage(SecretUsageType.VOLUME, "/var/lib/jvirt/images/a.qcow2"));
        assertEquals(s, conn.secretLookupByUUIDString("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"));
        assertEquals(List.of("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"), conn.listSecrets());
        assertEquals(1, conn.numOfSecrets());
        assertTrue(Files.exists(secretsDir().resolve(s.getUUIDString() + ".xml")));
        s.undefine();
        assertEquals(0, conn.numOfSecrets());
        assertFalse(Files.exists(secretsDir().resolve(s.getUUIDString() + ".xml")));
        fails(ErrorNumber.NO_SECRET, "no secret with matching uuid '0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'",
                () -> conn.secretLookupByUUIDString("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"));
        fails(ErrorNumber.NO_SECRET, "no secret with matching usage '/var/lib/jvirt/images/a.qcow2'",
                () -> conn.secretLookupByUsage(SecretUsageType.VOLUME, "/var/lib/jvirt/images/a.qcow2"));
    }

    @Test
    void uuidGeneratedAndUsageNoneNotWritten() {
        Secret s = conn.secretDefineXML("<secret><usage type='none'/></secret>");
        assertEquals(SecretUsageType.NONE, s.getUsageType());
        assertEquals("", s.getUsageID());
        assertEquals("<secret ephemeral='no' private='no'>\n  <uuid>" + s.getUUIDString() + "</uuid>\n</secret>\n",
                s.getXMLDesc());
    }

    @Test
    void valueIsSealedOnDiskOwnerOnlyAndSurvivesReload() throws Exception {
        Secret s = conn.secretDefineXML(VOL);
        byte[] value = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        s.setValue(value);
        assertArrayEquals(value, s.getValue());
        Path sealed = secretsDir().resolve(s.getUUIDString() + ".secret");
        byte[] onDisk = Files.readAllBytes(sealed);
        assertFalse(new String(onDisk, StandardCharsets.ISO_8859_1).contains("horse"), "value in the clear");
        assertFalse(new String(onDisk, StandardCharsets.ISO_8859_1)
                .contains(java.util.Base64.getEncoder().encodeToString(value)), "value only base64-encoded");
        for (Path p : List.of(sealed, secretsDir().resolve(s.getUUIDString() + ".xml"),
                root.dir.resolve("system/lib/secrets/secrets-encryption-key"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p::toString);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsDir())));
        try (var dir = Files.list(secretsDir())) {
            assertEquals(2, dir.count(), "only the definition and the sealed value, no temporary left");
        }
        // a second store over the same files, as after a daemon restart
        HostSecrets again = HostSecrets.open(HostScope.of(ConnectURI.parse(root.uri("secret", "system"))),
                new EventFanout());
        assertArrayEquals(value, again.getValue(again.lookupByUUID(s.getUUID())));
        assertEquals(s.getXMLDesc(), again.getXMLDesc(again.lookupByUUID(s.getUUID())));
    }

    @Test
    void sealedValueMovedToAnotherSecretDoesNotOpen() throws Exception {
        Secret a = conn.secretDefineXML(VOL);
        a.setValue(new byte[] {1, 2, 3});
        Secret b = conn.secretDefineXML("<secret><usage type='ceph'><name>client.admin</name></usage></secret>");
        Files.copy(secretsDir().resolve(a.getUUIDString() + ".secret"), secretsDir().resolve(b.getUUIDString() + ".secret"));
        HostSecrets again = HostSecrets.open(HostScope.of(ConnectURI.parse(root.uri("secret", "system"))),
                new EventFanout());
        assertEquals(1, again.numOfSecrets(), "the secret whose value does not open is skipped, the other loads");
    }

    @Test
    void libvirtClearTextValueIsReadAndResealed() throws Exception {
        UUID u = UUID.fromString("5ad9e5b1-0f7b-4e39-9a1b-9a8f6a0c3e11");
        Files.createDirectories(secretsDir());
        Files.writeString(secretsDir().resolve(u + ".xml"),
                "<secret ephemeral='no' private='no'><uuid>" + u + "</uuid><usage type='iscsi'><target>iqn.x</target></usage></secret>");
        Files.writeString(secretsDir().resolve(u + ".base64"), "c2VjcmV0");
        Files.writeString(secretsDir().resolve("5ad9e5b1-0f7b-4e39-9a1b-000000000000.xml"),
                "<secret><uuid>" + u + "</uuid></secret>");
        HostSecrets s = HostSecrets.open(HostScope.of(ConnectURI.parse(root.uri("secret", "system"))),
                new EventFanout());
        SecretRef ref = s.lookupByUsage(SecretUsageType.ISCSI, "iqn.x");
        assertArrayEquals("secret".getBytes(StandardCharsets.US_ASCII), s.getValue(ref));
        assertEquals(1, s.numOfSecrets(), "the file whose name is not its UUID is skipped");
        s.setValue(ref, new byte[] {9});
        assertFalse(Files.exists(secretsDir().resolve(u + ".base64")));
        assertTrue(Files.exists(secretsDir().resolve(u + ".secret")));
    }

    @Test
    void privateValueNeverReturnedToClients() {
        Secret s = conn.secretDefineXML("<secret private='yes'><usage type='tls'><name>t</name></usage></secret>");
        s.setValue(new byte[] {42});
        fails(ErrorNumber.INVALID_SECRET, "secret is private", s::getValue);
        assertArrayEquals(new byte[] {42}, Elevation.call(s::getValue), "a driver acting for itself reads it");
        fails(ErrorNumber.INTERNAL_ERROR, "cannot change private flag on existing secret",
                () -> conn.secretDefineXML("<secret private='no'><uuid>" + s.getUUIDString()
                        + "</uuid><usage type='tls'><name>t</name></usage></secret>"));
        assertEquals(1, conn.listAllSecrets(ListSecretsFlag.PRIVATE).size());
    }

    @Test
    void ephemeralNeverOnDiskAndPersistenceFollowsRedefinition() throws Exception {
        String eph = "<secret ephemeral='yes'><uuid>11111111-2222-3333-4444-555555555555</uuid>"
                + "<usage type='ceph'><name>c</name></usage></secret>";
        Secret s = conn.secretDefineXML(eph);
        s.setValue(new byte[] {7, 7});
        try (var dir = Files.list(secretsDir())) {
            assertEquals(0, dir.count());
        }
        conn.secretDefineXML(eph.replace("ephemeral='yes'", "ephemeral='no'"));
        assertTrue(Files.exists(secretsDir().resolve(s.getUUIDString() + ".xml")));
        assertTrue(Files.exists(secretsDir().resolve(s.getUUIDString() + ".secret")), "value written on becoming persistent");
        conn.secretDefineXML(eph);
        try (var dir = Files.list(secretsDir())) {
            assertEquals(0, dir.count(), "files removed on becoming ephemeral");
        }
        assertArrayEquals(new byte[] {7, 7}, s.getValue());
    }

    @Test
    void listFlags() {
        conn.secretDefineXML("<secret ephemeral='yes' private='yes'><usage type='ceph'><name>a</name></usage></secret>");
        conn.secretDefineXML("<secret ephemeral='no' private='yes'><usage type='ceph'><name>b</name></usage></secret>");
        conn.secretDefineXML("<secret ephemeral='no' private='no'><usage type='ceph'><name>c</name></usage></secret>");
        assertEquals(List.of("a"), usages(ListSecretsFlag.EPHEMERAL));
        assertEquals(List.of("b", "c"), usages(ListSecretsFlag.NO_EPHEMERAL));
        assertEquals(List.of("a", "b"), usages(ListSecretsFlag.PRIVATE));
        assertEquals(List.of("c"), usages(ListSecretsFlag.NO_EPHEMERAL, ListSecretsFlag.NO_PRIVATE));
        assertEquals(List.of("a", "b", "c"), usages(ListSecretsFlag.EPHEMERAL, ListSecretsFlag.NO_EPHEMERAL));
        assertEquals(List.of("a", "b", "c"), usages());
    }

    private List<String> usages(ListSecretsFlag... flags) {
        List<String> l = new ArrayList<>(conn.listAllSecrets(flags).stream().map(Secret::getUsageID).toList());
        Collections.sort(l);
        return l;
    }

    @Test
    void badInputGetsLibvirtErrorsAndChangesNothing() {
        Secret s = conn.secretDefineXML(VOL);
        fails(ErrorNumber.INTERNAL_ERROR, "a secret with UUID 0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f is already defined"
                + " for use with /var/lib/jvirt/images/a.qcow2",
                () -> conn.secretDefineXML(VOL.replace("a.qcow2", "b.qcow2")));
        fails(ErrorNumber.INTERNAL_ERROR, "a secret with UUID 0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f already defined"
                + " for use with /var/lib/jvirt/images/a.qcow2",
                () -> conn.secretDefineXML(VOL.replace("0a81f5b2", "0a81f5b3")));
        fails(ErrorNumber.CONFIG_UNSUPPORTED, "unknown secret usage type foo",
                () -> conn.secretDefineXML("<secret><usage type='foo'/></secret>"));
        fails(ErrorNumber.INTERNAL_ERROR, "Ceph usage specified, but name is missing",
                () -> conn.secretDefineXML("<secret><usage type='ceph'/></secret>"));
        fails(ErrorNumber.XML_ERROR, "invalid value of 'ephemeral'",
                () -> conn.secretDefineXML("<secret ephemeral='maybe'/>"));
        fails(ErrorNumber.NO_SECRET, "secret '0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f' does not have a value",
                s::getValue);
        assertEquals(1, conn.numOfSecrets());
    }

    @Test
    void readOnlyConnectionChangesAndReadsNothing() {
        Secret s = conn.secretDefineXML(VOL);
        s.setValue(new byte[] {1});
        try (Connect ro = Connect.openReadOnly(root.uri("secret", "system"))) {
            Secret r = ro.secretLookupByUUID(s.getUUID());
            assertEquals(s.getXMLDesc(), r.getXMLDesc());
            for (Runnable op : List.<Runnable>of(r::getValue, () -> r.setValue(new byte[] {2}), r::undefine,
                    () -> ro.secretDefineXML("<secret/>"))) {
                VirtException e = assertThrows(VirtException.class, op::run);
                assertEquals(ErrorNumber.OPERATION_DENIED, e.error().number(), e::getMessage);
            }
        }
        assertArrayEquals(new byte[] {1}, s.getValue());
    }

    @Test
    void eventsReachEveryConnectionOfTheScope() throws Exception {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (Connect other = Connect.open(root.uri("secret", "system"))) {
            other.secretEventRegister(SecretEventId.LIFECYCLE, null,
                    (sec, ev) -> got.add(sec.getUsageID() + " " + ((SecretEvent.Lifecycle) ev).type()));
            other.secretEventRegister(SecretEventId.VALUE_CHANGED, null,
                    (sec, ev) -> got.add(sec.getUsageID() + " value"));
            Secret s = conn.secretDefineXML(VOL);
            s.setValue(new byte[] {1});
            s.undefine();
            String vol = "/var/lib/jvirt/images/a.qcow2";
            assertEquals(vol + " " + SecretEventType.DEFINED, got.poll(10, TimeUnit.SECONDS));
            assertEquals(vol + " value", got.poll(10, TimeUnit.SECONDS));
            assertEquals(vol + " " + SecretEventType.UNDEFINED, got.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void systemAndSessionAreTwoStores() {
        conn.secretDefineXML(VOL);
        try (Connect session = Connect.open(root.uri("secret", "session"))) {
            assertEquals(0, session.numOfSecrets());
            session.secretDefineXML(VOL); // the same UUID and usage: no clash across scopes
            assertTrue(Files.exists(root.dir.resolve("session/etc/secrets/0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f.xml")));
        }
        assertEquals(1, conn.numOfSecrets());
    }

    @Test
    void validateFlagChecksAgainstLibvirtsSchema() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(java.nio.file.Path.of("/usr/share/libvirt/schemas/secret.rng")));
        VirtAssert.fails(ErrorDomain.XML, ErrorNumber.XML_INVALID_SCHEMA, "Unable to validate doc against", // virxml.c's
                () -> conn.secretDefineXML("<secret><bogus/></secret>", org.jvirt.flags.SecretDefineFlag.VALIDATE));
        assertEquals(0, conn.numOfSecrets());
        conn.secretDefineXML(VOL, org.jvirt.flags.SecretDefineFlag.VALIDATE);
        assertEquals(1, conn.numOfSecrets());
    }

    @Test
    void otherPathsRefused() {
        VirtException e = assertThrows(VirtException.class, () -> Connect.open(root.uri("secret", "embed")));
        assertTrue(e.getMessage().contains("unexpected secret URI path '/embed', try secret:///system"), e.getMessage());
    }
}
