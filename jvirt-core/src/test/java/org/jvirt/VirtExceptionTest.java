package org.jvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VirtExceptionTest {

    @Test
    void messageReadsLikeLibvirtsWithDetail() {
        VirtException e = VirtException.of(ErrorDomain.TEST, ErrorNumber.NO_DOMAIN,
                "no domain with matching name '%s'", "x");
        assertEquals("Domain not found: no domain with matching name 'x'", e.getMessage());
        VirtError err = e.error();
        assertEquals(42, err.code());
        assertEquals(12, err.domain());
        assertEquals("Domain not found: %s", err.str1());
        assertEquals("no domain with matching name 'x'", err.str2());
        assertNull(err.str3());
        assertEquals(-1, err.int1());
        assertEquals(ErrorLevel.ERROR, err.level());
        assertInstanceOf(NotFoundException.class, e);
    }

    @Test
    void messageWithoutDetailUsesTheShortTemplate() {
        VirtException e = VirtException.of(ErrorDomain.TEST, ErrorNumber.NO_DOMAIN, (String) null);
        assertEquals("Domain not found", e.getMessage());
        assertEquals("Domain not found", e.error().str1());
    }

    @Test
    void subclassesFollowTheCode() {
        assertInstanceOf(NotSupportedException.class, VirtException.noSupport(ErrorDomain.SECRET,
                "virConnectListAllSecrets"));
        assertEquals("this function is not supported by the connection driver: virConnectListAllSecrets",
                VirtException.noSupport(ErrorDomain.SECRET, "virConnectListAllSecrets").getMessage());
        assertInstanceOf(OperationInvalidException.class,
                VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_INVALID, "domain is already running"));
        assertEquals("Requested operation is not valid: domain is already running",
                VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_INVALID, "domain is already running")
                        .getMessage());
        assertInstanceOf(AccessDeniedException.class,
                VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_DENIED, "x"));
    }

    @Test
    void unknownCodesSurviveUnchanged() {
        VirtError err = new VirtError(4242, 999, ErrorLevel.ERROR, null, null, null, null, 7, 8);
        VirtException e = VirtException.of(err);
        assertEquals(VirtException.class, e.getClass());
        assertNull(e.number());
        assertEquals(4242, e.error().code());
        assertEquals(ErrorDomain.NONE, e.errorDomain());
        assertEquals("Unknown error", e.getMessage());
    }

    @Test
    void everyCodeHasItsLibvirtNumber() {
        assertEquals(111, ErrorNumber.values().length);
        assertEquals(29, ErrorNumber.OPERATION_DENIED.code());
        assertEquals(55, ErrorNumber.OPERATION_INVALID.code());
        assertEquals(110, ErrorNumber.MULTIPLE_DOMAINS.code());
        assertEquals(ErrorNumber.RPC, ErrorNumber.fromCode(39));
        assertEquals(72, ErrorDomain.CH.code());
    }
}
