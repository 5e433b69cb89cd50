package org.jvirt.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** virStrToLong_*'s rules: base 10 is decimal whatever the leading zeros, base 0 reads 0x as hex and 0 as octal. */
class StrToLongTest {

    @Test
    void baseTenIgnoresLeadingZeros() {
        assertEquals(10, StrToLong.toInt("010"));
        assertEquals(-5, StrToLong.toInt("  -5"));
        assertEquals(7, StrToLong.toInt("+7"));
        assertNull(StrToLong.toInt("0x10"));
        assertNull(StrToLong.toInt("10 "));
        assertNull(StrToLong.toInt(""));
        assertNull(StrToLong.toInt("2147483648"));
    }

    @Test
    void baseZeroReadsHexAndOctal() {
        assertEquals(8L, StrToLong.parse("010", 0, false, 0, 100));
        assertEquals(16L, StrToLong.parse("0x10", 0, false, 0, 100));
        assertEquals(0L, StrToLong.parse("0", 0, false, 0, 100));
        assertNull(StrToLong.parse("09", 0, false, 0, 100));
    }

    @Test
    void unsignedRefusesMinusAndKeepsAllSixtyFourBits() {
        assertNull(StrToLong.toUInt("-1"));
        assertEquals(4294967295L, StrToLong.toUInt("4294967295"));
        assertNull(StrToLong.toUInt("4294967296"));
        assertEquals(-1L, StrToLong.toULongLong("18446744073709551615"));
        assertNull(StrToLong.toULongLong("18446744073709551616"));
    }
}
