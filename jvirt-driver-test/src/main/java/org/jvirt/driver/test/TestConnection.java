package org.jvirt.driver.test;

import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DomainSnapshotDriver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.NetworkDriver;
import org.jvirt.spi.NodeDeviceDriver;
import org.jvirt.spi.StorageDriver;

/**
 * One open test connection: the entry-point tables over a (possibly shared) state. Secrets and network
 * filters are left out, as libvirt 9.0's test driver has none, so those calls answer VIR_ERR_NO_SUPPORT.
 */
final class TestConnection implements DriverConnection {

    private final TestState st;
    private final EventSink sink;
    private final Runnable onClose;
    private final TestHost host;
    private final TestDomains domains;
    private final TestSnapshots snapshots;
    private final TestCheckpoints checkpoints;
    private final TestNetworks networks;
    private final TestStorage storage;
    private final NodeDevStore devices;
    private final TestInterfaces interfaces;
    private final TestDomainTuning tuning;
    private final TestDomainBlocks blocks;
    private boolean closed;

    TestConnection(TestState st, EventSink sink, Runnable onClose) {
        this.st = st;
        this.sink = sink;
        this.onClose = onClose;
        this.host = new TestHost(st);
        this.domains = new TestDomains(st);
        this.snapshots = new TestSnapshots(st);
        this.checkpoints = new TestCheckpoints(st);
        this.networks = new TestNetworks(st);
        this.storage = new TestStorage(st);
        this.devices = new NodeDevStore(st);
        this.interfaces = new TestInterfaces(st);
        this.tuning = new TestDomainTuning(st);
        this.blocks = new TestDomainBlocks(st);
        st.addSink(sink);
    }

    @Override
    public HostDriver host() {
        return host;
    }

    @Override
    public DomainDriver domains() {
        return domains;
    }

    @Override
    public org.jvirt.spi.DomainTuningDriver domainTuning() {
        return tuning;
    }

    @Override
    public org.jvirt.spi.DomainBlockDriver domainBlocks() {
        return blocks;
    }

    @Override
    public DomainSnapshotDriver snapshots() {
        return snapshots;
    }

    @Override
    public org.jvirt.spi.DomainCheckpointDriver checkpoints() {
        return checkpoints;
    }

    @Override
    public NetworkDriver networks() {
        return networks;
    }

    @Override
    public StorageDriver storage() {
        return storage;
    }

    @Override
    public NodeDeviceDriver nodeDevices() {
        return devices;
    }

    @Override
    public InterfaceDriver interfaces() {
        return interfaces;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            st.removeSink(sink);
            onClose.run();
        }
    }
}
