package org.jvirt.driver.nwfilter.conf;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** libvirt's nwfilter errors: every one in the NWFILTER domain. */
public final class Errors {
    private Errors() {
    }

    public static VirtException of(ErrorNumber number, String format, Object... args) {
        return VirtException.of(ErrorDomain.NWFILTER, number, format, args);
    }
}
