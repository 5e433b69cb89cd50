package org.jvirt.spi;

import org.jvirt.ErrorDomain;
import org.jvirt.VirtException;

/**
 * The error of an SPI entry point a driver does not override. libvirt reports it from the public API file of
 * the function (so virDomain* come from the DOMAIN error domain, virSecret* from SECRET) and names the function.
 */
final class Unsupported {

    private Unsupported() {
    }

    static VirtException of(ErrorDomain domain, String function) {
        return VirtException.noSupport(domain, function);
    }
}
