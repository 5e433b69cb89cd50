package org.jvirt.daemon.auth;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** A socket's authentication: libvirtd.conf's auth_* values and remote_auth_type's numbers on the wire. */
public enum AuthScheme {
    NONE("none", 0), SASL("sasl", 1), POLKIT("polkit", 2);

    private final String configName;
    private final int wire;

    AuthScheme(String configName, int wire) {
        this.configName = configName;
        this.wire = wire;
    }

    public String configName() {
        return configName;
    }

    /** remote_auth_type. */
    public int wire() {
        return wire;
    }

    public static AuthScheme parse(String file, String key, String value) {
        for (AuthScheme s : values()) {
            if (s.configName.equals(value)) {
                return s;
            }
        }
        throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                "%s: unknown authentication type '%s' for %s", file, value, key);
    }
}
