package org.jvirt.driver.host;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.driver.host.iface.IfaceDefinitions;
import org.jvirt.driver.host.secret.HostSecrets;
import org.jvirt.spi.HostScope;

/**
 * The shared state of one scope (libvirt's one secret, nodedev and interface driver per daemon): every attached
 * hypervisor connection and every {@code secret:///}, {@code nodedev:///}, {@code interface:///} open of the
 * scope uses the same object, found by {@link HostScope#key()}. It lives as long as the process, as libvirt's
 * driver state lives as long as the daemon: ephemeral secrets must survive their defining connection.
 */
final class HostResources {

    private static final Map<String, HostResources> BY_SCOPE = new ConcurrentHashMap<>();

    final HostScope scope;
    final EventFanout events = new EventFanout();
    /** Cheap to make: it reads its files at the first secret call. */
    final HostSecrets secrets;
    /** Made at the first interface use: it reads the definitions and starts the onboot ones then. */
    private IfaceDefinitions interfaces;

    private HostResources(HostScope scope) {
        this.scope = scope;
        this.secrets = HostSecrets.open(scope, events);
    }

    synchronized IfaceDefinitions interfaces() {
        if (interfaces == null) {
            interfaces = IfaceDefinitions.open(scope);
        }
        return interfaces;
    }

    static HostResources of(HostScope scope) {
        return BY_SCOPE.computeIfAbsent(scope.key(), k -> new HostResources(scope));
    }
}
