package org.jvirt.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A hypervisor connection together with the host-resource drivers lent to it (libvirt's virConnect with its
 * shared secondary drivers): each kind of object is served by the hypervisor driver if it serves it, else by the
 * first lent driver that does.
 */
final class ComposedConnection implements DriverConnection {

    private final DriverConnection primary;
    private final List<DriverConnection> all;

    ComposedConnection(DriverConnection primary, List<DriverConnection> lent) {
        this.primary = primary;
        List<DriverConnection> parts = new ArrayList<>();
        parts.add(primary);
        parts.addAll(lent);
        this.all = List.copyOf(parts);
    }

    private <T> T first(Function<DriverConnection, T> kind) {
        return all.stream().map(kind).filter(Objects::nonNull).findFirst().orElse(null);
    }

    @Override
    public HostDriver host() {
        return primary.host();
    }

    @Override
    public DomainDriver domains() {
        return primary.domains();
    }

    @Override
    public DomainTuningDriver domainTuning() {
        return primary.domainTuning();
    }

    @Override
    public DomainBlockDriver domainBlocks() {
        return primary.domainBlocks();
    }

    @Override
    public DomainSnapshotDriver snapshots() {
        return primary.snapshots();
    }

    @Override
    public DomainCheckpointDriver checkpoints() {
        return primary.checkpoints();
    }

    @Override
    public NetworkDriver networks() {
        return first(DriverConnection::networks);
    }

    @Override
    public StorageDriver storage() {
        return first(DriverConnection::storage);
    }

    @Override
    public NodeDeviceDriver nodeDevices() {
        return first(DriverConnection::nodeDevices);
    }

    @Override
    public InterfaceDriver interfaces() {
        return first(DriverConnection::interfaces);
    }

    @Override
    public SecretDriver secrets() {
        return first(DriverConnection::secrets);
    }

    @Override
    public NWFilterDriver nwfilters() {
        return first(DriverConnection::nwfilters);
    }

    @Override
    public Optional<HostScope> hostScope() {
        return primary.hostScope();
    }

    @Override
    public void eventInterest(EventKey key, boolean interested) {
        all.forEach(c -> c.eventInterest(key, interested));
    }

    @Override
    public boolean supportsFeature(int feature) {
        // a lent driver's features count too: the network driver's correct net-update order, for one
        return all.stream().anyMatch(c -> c.supportsFeature(feature));
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (DriverConnection c : all.reversed()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
