package org.jvirt.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;

/** virBitmapParse / virBitmapFormat. */
class CpuSetsTest {

    @Test
    void parsesRangesAndExclusionsAndFormatsMaximalRanges() {
        assertEquals("0,2-3,8", CpuSets.format(CpuSets.parse("0, 2-4,^4,8", 64)));
        assertEquals("0-1", CpuSets.format(CpuSets.parse("0-1,^1,1", 64)));
        assertEquals("", CpuSets.format(CpuSets.parse("0,^0", 64)));
    }

    @Test
    void refusesWhatLibvirtRefuses() {
        for (String bad : new String[] {"", "a", "3-1", "0-", "64", "-1", "1,,2"}) {
            VirtException e = assertThrows(VirtException.class, () -> CpuSets.parse(bad, 64), bad);
            assertEquals("invalid argument: Failed to parse bitmap '" + bad + "'", e.getMessage());
        }
    }
}
