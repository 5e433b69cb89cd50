package org.jvirt.driver.host;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.iface.HostInterfaces;
import org.jvirt.driver.host.nodedev.HostNodeDevices;
import org.jvirt.driver.host.secret.HostSecrets;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.OpenRequest;

/**
 * The host-resource driver: lends secrets, node devices and host interfaces to every local hypervisor connection
 * ({@link #attach}) and serves {@code secret:///system}, {@code nodedev:///session}, ... on its own, both over the
 * one state of the scope.
 */
public final class HostResourceDriver implements Driver {

    @Override
    public String name() {
        return "host";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Class<?>> entryPointClasses() {
        return List.of(HostSecrets.class, HostNodeDevices.class, HostInterfaces.class);
    }

    @Override
    public Optional<DriverConnection> open(OpenRequest req) {
        Optional<HostKind> kind = HostKind.forScheme(req.uri().driver());
        if (kind.isEmpty() || req.uri().isRemote() || req.uri().param("socket").isPresent()) {
            return Optional.empty(); // a daemon's socket is named: the remote driver's business
        }
        String path = req.uri().path();
        if (!path.equals("/system") && !path.equals("/session")) {
            String scheme = kind.get().scheme();
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INTERNAL_ERROR,
                    "unexpected %s URI path '%s', try %s:///system", scheme, path, scheme);
        }
        HostResources res = HostResources.of(HostScope.of(req.uri()));
        return Optional.of(new HostResourceConnection(res, EnumSet.of(kind.get()), req.events()));
    }

    @Override
    public Optional<DriverConnection> attach(OpenRequest req, HostScope scope) {
        return Optional.of(new HostResourceConnection(HostResources.of(scope), EnumSet.allOf(HostKind.class),
                req.events()));
    }
}
