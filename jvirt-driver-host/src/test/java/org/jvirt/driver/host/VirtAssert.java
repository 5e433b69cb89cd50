package org.jvirt.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** Asserts that a call fails with libvirt's error: number, domain and words of the message. */
public final class VirtAssert {

    private VirtAssert() {
    }

    public static VirtException fails(ErrorDomain domain, ErrorNumber number, String message, Runnable r) {
        VirtException e = assertThrows(VirtException.class, r::run);
        assertEquals(number, e.error().number(), e::getMessage);
        assertEquals(domain, e.error().errorDomain(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e.getMessage());
        return e;
    }
}
