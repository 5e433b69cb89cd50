package org.jvirt.driver.qemu.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;

/** A variable clock offset's RTC base, at a fixed "now" (the corpus cannot hold a time-dependent golden). */
class ClockArgsTest {

    private static org.w3c.dom.Element clock(String attrs) {
        DomainXml d = DomainXml.parse("<domain type='qemu'><name>c</name><memory>1024</memory><clock offset='variable' "
                + attrs + "/></domain>");
        return Dom.child(d.element(), "clock");
    }

    @Test
    void timezoneIsQemusTz() {
        DomainXml d = DomainXml.parse("<domain type='qemu'><name>c</name><memory>1024</memory>"
                + "<clock offset='timezone' timezone='Europe/Paris'/></domain>");
        assertEquals(java.util.Map.of("TZ", "Europe/Paris"), ClockArgs.env(d));
        java.util.List<String> a = new java.util.ArrayList<>();
        ClockArgs.add(d, a);
        assertEquals(java.util.List.of("-rtc", "base=localtime"), a);
        DomainXml bad = DomainXml.parse("<domain type='qemu'><name>c</name><memory>1024</memory>"
                + "<clock offset='timezone' timezone='../../etc/x'/></domain>");
        org.junit.jupiter.api.Assertions.assertThrows(org.jvirt.VirtException.class, () -> ClockArgs.env(bad));
    }

    @Test
    void variableOffsetsCountFromNow() {
        Instant now = Instant.parse("2026-12-07T06:00:00Z");
        assertEquals("2026-12-07T07:00:00", ClockArgs.variableBase(clock("adjustment='3600' basis='utc'"), now,
                ZoneId.of("UTC")));
        assertEquals("2026-12-07T05:59:30", ClockArgs.variableBase(clock("adjustment='-30'"), now, ZoneId.of("UTC")));
        assertEquals("2026-12-07T07:00:10", ClockArgs.variableBase(clock("adjustment='10' basis='localtime'"), now,
                ZoneId.of("Europe/Berlin")), "the host's offset from UTC (+1 h in December) is added");
    }
}
