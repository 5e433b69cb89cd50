package org.jvirt.driver.qemu;

import java.util.Optional;
import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.HostScope;

/** One open qemu connection: the host and domain tables over a shared driver state. */
final class QemuConnection implements DriverConnection {

    private final QemuDriverState st;
    private final EventSink sink;
    private final Runnable onClose;
    private final QemuHost host;
    private final QemuDomains domains;
    private final QemuSnapshots snapshots;
    private final QemuCheckpoints checkpoints;
    private final QemuDomainTuning tuning;
    private final org.jvirt.driver.qemu.blockjob.QemuDomainBlocks blocks;
    private final HostScope scope;
    private boolean closed;

    QemuConnection(QemuDriverState st, EventSink sink, HostScope scope, Runnable onClose) {
        this.st = st;
        this.scope = scope;
        this.sink = sink;
        this.onClose = onClose;
        this.host = new QemuHost(st);
        this.domains = new QemuDomains(st);
        this.snapshots = new QemuSnapshots(st);
        this.checkpoints = new QemuCheckpoints(st);
        this.tuning = new QemuDomainTuning(st);
        this.blocks = new org.jvirt.driver.qemu.blockjob.QemuDomainBlocks(st.ctx, st.lifecycle.dumps());
        st.ctx.events().add(sink);
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
    public org.jvirt.spi.DomainSnapshotDriver snapshots() {
        return snapshots;
    }

    @Override
    public org.jvirt.spi.DomainCheckpointDriver checkpoints() {
        return checkpoints;
    }

    /** qemu:///system carries the system host drivers (storage, networks, ...), qemu:///session the session's. */
    @Override
    public Optional<HostScope> hostScope() {
        return Optional.of(scope);
    }

    /** What libvirt's qemu driver answers (qemuConnectSupportsFeature), less what this driver does not do. */
    @Override
    public boolean supportsFeature(int feature) {
        return switch (feature) {
            case org.jvirt.MigrationInternals.FEATURE_MIGRATION_V3,
                 org.jvirt.MigrationInternals.FEATURE_MIGRATION_PARAMS,
                 org.jvirt.MigrationInternals.FEATURE_MIGRATE_CHANGE_PROTECTION,
                 org.jvirt.MigrationInternals.FEATURE_XML_MIGRATABLE -> true;
            default -> false;
        };
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            st.lifecycle.migrations().connectionClosed(domains); // its unfinished migration steps end with it
            st.ctx.events().remove(sink);
            onClose.run();
        }
    }
}
