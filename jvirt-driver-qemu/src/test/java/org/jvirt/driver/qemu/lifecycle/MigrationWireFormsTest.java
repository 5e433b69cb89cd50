package org.jvirt.driver.qemu.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;

/** The migration URI forms libvirt accepts, and the cookie the two sides exchange (no guest needed). */
class MigrationWireFormsTest {

    @Test
    void migrationUrisInLibvirtsTwoForms() {
        assertEquals(new MigrationUri("host.example", 49152), MigrationUri.parse("tcp:host.example:49152"));
        assertEquals(new MigrationUri("host.example", 49153), MigrationUri.parse("tcp://host.example:49153/"));
        assertEquals(new MigrationUri("10.0.0.2", 0), MigrationUri.parse("tcp:10.0.0.2"));
        assertEquals(new MigrationUri("::1", 4444), MigrationUri.parse("tcp:[::1]:4444"));
        assertEquals("tcp:[::1]:4444", MigrationUri.parse("tcp://[::1]:4444").forQemu());
        assertEquals("tcp:h:5", MigrationUri.parse("tcp:h").withPort(5).forQemu());
        VirtException scheme = assertThrows(VirtException.class, () -> MigrationUri.parse("rdma:h:1"));
        assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, scheme.number());
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(VirtException.class,
                () -> MigrationUri.parse("h")).number());
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(VirtException.class,
                () -> MigrationUri.parse("tcp::49152")).number());
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(VirtException.class,
                () -> MigrationUri.parse("tcp:h:99999")).number());
    }

    @Test
    void cookieRoundTripsWithThePersistentDefinition() {
        String def = "<domain type='qemu'><name>g</name><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid></domain>";
        MigrationCookie c = new MigrationCookie("g", "6695eb01-f6a4-8304-79aa-97f2502e193f", "host-a", def);
        byte[] bytes = c.encode();
        assertEquals(0, bytes[bytes.length - 1], "NUL-terminated as libvirt sends it");
        assertEquals(true, new String(bytes, StandardCharsets.UTF_8).startsWith("<qemu-migration>"));
        MigrationCookie back = MigrationCookie.decode(bytes);
        assertEquals("g", back.name());
        assertEquals("host-a", back.hostname());
        assertEquals("6695eb01-f6a4-8304-79aa-97f2502e193f", back.uuid());
        assertEquals(true, back.persistentXml().contains("<name>g</name>"));
        assertNull(MigrationCookie.decode(new byte[0]));
        assertNull(MigrationCookie.decode(null));
        assertEquals(ErrorNumber.INTERNAL_ERROR, assertThrows(VirtException.class,
                () -> MigrationCookie.decode("<other/>".getBytes(StandardCharsets.UTF_8))).number());
    }
}
