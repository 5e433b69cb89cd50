package org.jvirt.daemon.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The object a permission is checked on: its kind (libvirt's object names: connect, domain, network,
 * network_port, storage_pool, storage_vol, node_device, interface, secret, nwfilter, nwfilter_binding), its name
 * (a volume's is "pool/volume"; null when the call does not say yet, e.g. a define from XML), and polkit's
 * details (domain_name, domain_uuid, ...).
 */
public record AccessTarget(String kind, String name, Map<String, String> details) {

    public AccessTarget {
        Objects.requireNonNull(kind);
        details = details == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(details));
    }

    static AccessTarget connect() {
        return new AccessTarget("connect", null, Map.of());
    }

    static AccessTarget unnamed(String kind) {
        return new AccessTarget(kind, null, Map.of());
    }

    @Override
    public String toString() {
        return name == null ? kind : kind + " '" + name + "'";
    }
}
