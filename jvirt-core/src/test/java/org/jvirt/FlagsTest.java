package org.jvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.flags.ListDomainsFlag;
import org.junit.jupiter.api.Test;

class FlagsTest {

    @Test
    void setsBecomeLibvirtsBits() {
        assertEquals(3, Flags.toBits(EnumSet.of(DomainXMLFlag.SECURE, DomainXMLFlag.INACTIVE)));
        assertEquals(0, Flags.toBits(EnumSet.noneOf(DomainXMLFlag.class)));
        assertEquals(1 << 12, ListDomainsFlag.HAS_SNAPSHOT.bit());
    }

    @Test
    void bitsBecomeSets() {
        assertEquals(EnumSet.of(ListDomainsFlag.ACTIVE, ListDomainsFlag.PERSISTENT),
                Flags.fromBits(ListDomainsFlag.class, 5, ErrorDomain.DOMAIN, "virConnectListAllDomains"));
    }

    @Test
    void unknownBitsAreRefusedAsLibvirtRefusesThem() {
        VirtException e = assertThrows(VirtException.class,
                () -> Flags.fromBits(DomainXMLFlag.class, 0x100, ErrorDomain.DOMAIN, "virDomainGetXMLDesc"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertEquals("invalid argument: unsupported flags (0x100) in function virDomainGetXMLDesc", e.getMessage());
    }
}
