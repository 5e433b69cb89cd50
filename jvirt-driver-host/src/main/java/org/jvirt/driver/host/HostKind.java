package org.jvirt.driver.host;

import java.util.Arrays;
import java.util.Optional;

/** The kinds this driver serves, each with the URI scheme that opens it alone (libvirt's virtsecretd etc.). */
public enum HostKind {
    SECRET("secret"),
    NODEDEV("nodedev"),
    INTERFACE("interface");

    private final String scheme;

    HostKind(String scheme) {
        this.scheme = scheme;
    }

    public String scheme() {
        return scheme;
    }

    static Optional<HostKind> forScheme(String scheme) {
        return Arrays.stream(values()).filter(k -> k.scheme.equals(scheme)).findFirst();
    }
}
