package org.jvirt.driver.test;

import java.util.List;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.OpenRequest;

/**
 * The "test" connection driver (testConnectOpen). {@code test:///default} shares one state between every open
 * in the process, reference counted, so that events caused on one connection reach the others; a node file
 * gives each open its own state.
 */
public final class TestDriver implements Driver {

    private static final Object DEFAULT_LOCK = new Object();
    private static TestState defaultState;

    @Override
    public String name() {
        return "test";
    }

    @Override
    public int order() {
        return 10;
    }

    /** The tables a {@link TestConnection} hands out; secrets and network filters have none, as in libvirt 9.0. */
    @Override
    public List<Class<?>> entryPointClasses() {
        return List.of(TestHost.class, TestDomains.class, TestSnapshots.class, TestNetworks.class, TestStorage.class,
                NodeDevStore.class, TestInterfaces.class, TestDomainTuning.class, TestCheckpoints.class,
                TestDomainBlocks.class);
    }

    @Override
    public Optional<DriverConnection> open(OpenRequest req) {
        if (!"test".equals(req.uri().driver()) || req.uri().isRemote()) {
            return Optional.empty();
        }
        String path = req.uri().path();
        if (path.isEmpty() || path.equals("/")) {
            throw VirtException.of(ErrorDomain.TEST, ErrorNumber.INVALID_ARG,
                    "testOpen: supply a path or use test:///default");
        }
        if (path.equals("/default")) {
            synchronized (DEFAULT_LOCK) {
                if (defaultState == null) {
                    defaultState = NodeFile.loadDefault();
                }
                TestState st = defaultState;
                st.refs++;
                return Optional.of(new TestConnection(st, req.events(), () -> release(st)));
            }
        }
        TestState st = NodeFile.loadFile(path);
        return Optional.of(new TestConnection(st, req.events(), () -> {
        }));
    }

    /** The default state lives while a connection uses it, as libvirt's refcounted defaultPrivconn. */
    private static void release(TestState st) {
        synchronized (DEFAULT_LOCK) {
            if (--st.refs == 0 && defaultState == st) {
                defaultState = null;
            }
        }
    }
}
