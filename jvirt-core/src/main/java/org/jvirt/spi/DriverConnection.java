package org.jvirt.spi;

/**
 * An open connection of a driver: one entry-point table per kind of object, like libvirt's virConnect with its
 * hypervisor, network, storage ... drivers. A kind the driver does not serve returns null; the connection then
 * answers every call of that kind with VIR_ERR_NO_SUPPORT.
 */
public interface DriverConnection extends AutoCloseable {

    HostDriver host();

    default DomainDriver domains() {
        return null;
    }

    /** Scheduler, memory, block I/O, NUMA and perf tuning of domains. */
    default DomainTuningDriver domainTuning() {
        return null;
    }

    /** Block jobs, resize, peeks and core dumps of domains. */
    default DomainBlockDriver domainBlocks() {
        return null;
    }

    default DomainSnapshotDriver snapshots() {
        return null;
    }

    /** Checkpoints and the backup jobs that use them. */
    default DomainCheckpointDriver checkpoints() {
        return null;
    }

    default NetworkDriver networks() {
        return null;
    }

    default StorageDriver storage() {
        return null;
    }

    default NodeDeviceDriver nodeDevices() {
        return null;
    }

    default InterfaceDriver interfaces() {
        return null;
    }

    default SecretDriver secrets() {
        return null;
    }

    default NWFilterDriver nwfilters() {
        return null;
    }

    /**
     * For a local hypervisor connection (qemu:///system): the scope whose host-resource drivers it carries.
     * Empty for one that serves every kind itself (test) or reaches a daemon (remote).
     */
    default java.util.Optional<HostScope> hostScope() {
        return java.util.Optional.empty();
    }

    /**
     * Told when the application's interest in an event kind starts or ends (first subscriber in, last one out),
     * so that a driver that must ask a peer for events (the remote driver) asks only for what is wanted.
     */
    default void eventInterest(EventKey key, boolean interested) {
    }

    /**
     * Whether the driver has a feature (libvirt_internal.h's virConnectSupportsFeature, virDrvFeature numbers):
     * how clients and daemons learn e.g. that migration protocol version 3 with parameters is spoken here.
     */
    default boolean supportsFeature(int feature) {
        return false;
    }

    /** Closes the connection; a driver whose state is shared between connections keeps that state. */
    @Override
    void close();
}
