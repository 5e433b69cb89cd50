package org.jvirt.driver.qemu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.OpenRequest;

/**
 * The "qemu" connection driver (qemuConnectOpen). Every open of the same URI (and directories) in this process
 * shares one {@link QemuDriverState}, reference counted like the test driver's default state: all connections
 * see the same guests and each other's events. The state goes when its last connection closes; its guests do
 * not, and the next open takes them back. Declines when the host has no qemu-system binary.
 */
public final class QemuDriver implements Driver {

    private static final Map<String, QemuDriverState> STATES = new HashMap<>();

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Class<?>> entryPointClasses() {
        return List.of(QemuHost.class, QemuDomains.class, QemuSnapshots.class, QemuCheckpoints.class,
                QemuDomainTuning.class, org.jvirt.driver.qemu.blockjob.QemuDomainBlocks.class);
    }

    @Override
    public Optional<DriverConnection> open(OpenRequest req) {
        if (!"qemu".equals(req.uri().driver()) || req.uri().isRemote()) {
            return Optional.empty();
        }
        Map<String, java.nio.file.Path> binaries = QemuDriverState.findBinaries();
        if (binaries.isEmpty()) {
            return Optional.empty(); // no QEMU here: perhaps a daemon elsewhere serves this URI
        }
        if (req.uri().param("socket").isPresent()) {
            return Optional.empty(); // names a daemon's socket: the remote driver's business
        }
        QemuDriverConfig cfg = QemuDriverConfig.resolve(req.uri(), System.getenv());
        boolean overridden = req.uri().param("state_dir").isPresent() || req.uri().param("run_dir").isPresent()
                || System.getenv(QemuDriverConfig.ENV_STATE_DIR) != null;
        if (cfg.system() && !overridden && !"root".equals(System.getProperty("user.name"))) {
            return Optional.empty(); // only root runs the system instance; others reach it through jvirtd
        }
        QemuDriverState st;
        synchronized (STATES) {
            st = STATES.get(cfg.key());
            if (st == null) {
                try {
                    HostScope scope = HostScope.of(req.uri());
                    st = new QemuDriverState(cfg, binaries, new org.jvirt.driver.qemu.lifecycle.HostDrivers(
                            scope, req.uri()), QemuConf.read(scope.configDir()));
                } catch (QemuDriverState.Busy e) {
                    // a daemon (or another program) drives these guests: reach them through it
                    System.getLogger(QemuDriver.class.getName()).log(System.Logger.Level.INFO,
                            "declining " + req.uri() + ": " + e.getMessage());
                    return Optional.empty();
                }
                STATES.put(cfg.key(), st);
            }
            st.refs++;
        }
        QemuDriverState state = st;
        return Optional.of(new QemuConnection(state, req.events(), HostScope.of(req.uri()),
                () -> release(state)));
    }

    private static void release(QemuDriverState st) {
        synchronized (STATES) {
            if (--st.refs == 0 && STATES.get(st.config.key()) == st) {
                STATES.remove(st.config.key());
                st.close();
            }
        }
    }
}
