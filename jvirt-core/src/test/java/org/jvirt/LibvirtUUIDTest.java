package org.jvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LibvirtUUIDTest {

    private static final UUID U = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");

    @Test
    void acceptsWhatLibvirtAccepts() {
        assertEquals(U, LibvirtUUID.tryParse("6695eb01-f6a4-8304-79aa-97f2502e193f"));
        assertEquals(U, LibvirtUUID.tryParse("6695eb01f6a4830479aa97f2502e193f"));
        assertEquals(U, LibvirtUUID.tryParse("6695EB01-F6A4-8304-79AA-97F2502E193F"));
        assertEquals(U, LibvirtUUID.tryParse("  6695eb01-f6a4-8304-79aa-97f2502e193f "));
        assertEquals(U, LibvirtUUID.tryParse("66-95-eb-01-f6a4-8304-79aa-97f2502e193f"));
    }

    @Test
    void refusesTheRest() {
        assertNull(LibvirtUUID.tryParse("6695eb01-f6a4-8304-79aa-97f2502e193"));
        assertNull(LibvirtUUID.tryParse("6695eb01-f6a4-8304-79aa-97f2502e193f0"));
        assertNull(LibvirtUUID.tryParse("g695eb01-f6a4-8304-79aa-97f2502e193f"));
        assertNull(LibvirtUUID.tryParse("6-695eb01-f6a4-8304-79aa-97f2502e193f"));
        assertNull(LibvirtUUID.tryParse(""));
        assertNull(LibvirtUUID.tryParse(null));
    }
}
