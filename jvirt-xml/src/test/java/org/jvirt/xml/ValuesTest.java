package org.jvirt.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.value.MacAddress;
import org.jvirt.xml.value.ScaledInteger;
import org.jvirt.xml.value.Uuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {
    private static final UUID U = UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");

    @Test
    void uuidsParseAsLibvirtDoes() {
        assertEquals(U, Uuids.tryParse("4dea22b3-1d52-d8f3-2516-782e98ab3fa0"));
        assertEquals(U, Uuids.tryParse("4dea22b31d52d8f32516782e98ab3fa0"));
        assertEquals(U, Uuids.tryParse("  4DEA22B3 1d52-d8f3-2516-782e98ab3fa0\n"));
        assertEquals(U, Uuids.tryParse("4d-ea-22-b3-1d52d8f32516782e98ab3fa0"));
        assertNull(Uuids.tryParse("4dea22b31d52d8f32516782e98ab3fa"));
        assertNull(Uuids.tryParse("4dea22b31d52d8f32516782e98ab3fa0aa"));
        assertNull(Uuids.tryParse("4dea22b31d52d8f32516782e98ab3fzz"));
        assertNull(Uuids.tryParse("4dea22b31d52d8f32516782e98ab3fa-0"));
        assertEquals(U, Uuids.tryParse("4dea22b31d52d8f32516782e98ab3f-a0"));
        VirtException e = assertThrows(VirtException.class, () -> Uuids.parse("nope", ErrorDomain.DOMAIN));
        assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
        assertEquals("internal error: malformed uuid element", e.getMessage());
    }

    @Test
    void uuidsFormatAndGenerate() {
        assertEquals("4dea22b3-1d52-d8f3-2516-782e98ab3fa0", Uuids.format(U));
        assertEquals(U, Uuids.fromBytes(Uuids.toBytes(U)));
        UUID g = Uuids.generate();
        assertEquals(4, g.version());
        assertTrue(!g.equals(Uuids.generate()));
    }

    @Test
    void macAddresses() {
        MacAddress m = MacAddress.tryParse("52:54:0:A:b:c");
        assertEquals("52:54:00:0a:0b:0c", m.toString());
        assertNull(MacAddress.tryParse("52:54:00:0a:0b"));
        assertNull(MacAddress.tryParse("52:54:00:0a:0b:0c:0d"));
        assertNull(MacAddress.tryParse("52:54:00:0a:0b:100"));
        assertNull(MacAddress.tryParse("52-54-00-0a-0b-0c"));
        assertNull(MacAddress.tryParse("52:54:00:0a:+b:0c"));
        MacAddress g = MacAddress.generateQemu();
        assertTrue(g.toString().startsWith("52:54:00:"), g.toString());
        assertTrue(!g.isMulticast());
        assertTrue(MacAddress.tryParse("01:00:5e:00:00:01").isMulticast());
        VirtException e = assertThrows(VirtException.class, () -> MacAddress.parse("zz", ErrorDomain.DOMAIN));
        assertEquals("XML error: unable to parse mac address 'zz'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1,b,1", "1,bytes,1", "1,byte,1", "1,k,1024", "1,KiB,1024", "1,KB,1000", "1,kb,1000",
            "1,M,1048576", "1,MiB,1048576", "1,MB,1000000", "1,G,1073741824", "1,GiB,1073741824",
            "1,GB,1000000000", "1,T,1099511627776", "1,TiB,1099511627776", "1,TB,1000000000000",
            "1,P,1125899906842624", "1,PB,1000000000000000", "1,E,1152921504606846976", "2,,2048"})
    void everyLibvirtUnit(long value, String unit, long bytes) {
        assertEquals(bytes, ScaledInteger.toBytes(Long.toString(value), unit, 1024, Long.MAX_VALUE, "x",
                ErrorDomain.DOMAIN));
    }

    @Test
    void kibRoundsUpAsLibvirt() {
        assertEquals(1, ScaledInteger.toKiB("1", "b", "./memory[1]", ErrorDomain.DOMAIN));
        assertEquals(2, ScaledInteger.toKiB("1025", "bytes", "./memory[1]", ErrorDomain.DOMAIN));
        assertEquals(1048576, ScaledInteger.toKiB("1", "GiB", "./memory[1]", ErrorDomain.DOMAIN));
        assertEquals(1953125, ScaledInteger.toKiB("2", "GB", "./memory[1]", ErrorDomain.DOMAIN));
        assertEquals(131072, ScaledInteger.toKiB("131072", null, "./memory[1]", ErrorDomain.DOMAIN));
    }

    @Test
    void badSizesGiveLibvirtsErrors() {
        VirtException unit = assertThrows(VirtException.class,
                () -> ScaledInteger.toKiB("1", "XiB", "./memory[1]", ErrorDomain.DOMAIN));
        assertEquals(ErrorNumber.INVALID_ARG, unit.number());
        assertEquals("invalid argument: unknown suffix 'XiB'", unit.getMessage());
        VirtException value = assertThrows(VirtException.class,
                () -> ScaledInteger.toKiB("-5", null, "./memory[1]", ErrorDomain.DOMAIN));
        assertEquals("XML error: Invalid value '-5' for element or attribute './memory[1]'", value.getMessage());
        VirtException big = assertThrows(VirtException.class,
                () -> ScaledInteger.toKiB("99999999", "EiB", "./memory[1]", ErrorDomain.DOMAIN));
        assertEquals(ErrorNumber.OVERFLOW, big.number());
        assertThrows(VirtException.class,
                () -> ScaledInteger.toKiB("18446744073709551615", null, "./memory[1]", ErrorDomain.DOMAIN));
    }
}
