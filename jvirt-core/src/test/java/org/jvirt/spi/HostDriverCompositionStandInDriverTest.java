package org.jvirt.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.uri.ConnectURI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How core composes a local hypervisor connection with the host-resource drivers of its scope. Both drivers here
 * are stand-ins (core has no driver of its own); the real storage and network drivers are tested in their
 * modules, attached to qemu:///system.
 */
class HostDriverCompositionStandInDriverTest {

    private static final List<String> LOG = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void registerStandIns() {
        DriverRegistry.register(new Driver() {
            public String name() {
                return "composehv";
            }

            public Optional<DriverConnection> open(OpenRequest request) {
                if (!"composehv".equals(request.uri().driver())) {
                    return Optional.empty();
                }
                HostScope scope = HostScope.of(request.uri());
                return Optional.of(new DriverConnection() {
                    public HostDriver host() {
                        return new HostDriver() { };
                    }

                    public Optional<HostScope> hostScope() {
                        return Optional.of(scope);
                    }

                    public void close() {
                        LOG.add("close hv");
                    }
                });
            }
        });
        DriverRegistry.register(new Driver() {
            public String name() {
                return "composenet";
            }

            public Optional<DriverConnection> open(OpenRequest request) {
                return Optional.empty();
            }

            public Optional<DriverConnection> attach(OpenRequest request, HostScope scope) {
                if (!"composehv".equals(request.uri().driver())) {
                    return Optional.empty(); // only lends to the stand-in, whatever else the class path holds
                }
                LOG.add("attach " + scope.configDir());
                return Optional.of(new DriverConnection() {
                    public HostDriver host() {
                        return null;
                    }

                    public NetworkDriver networks() {
                        return new NetworkDriver() {
                            public int numOfNetworks() {
                                return 7;
                            }
                        };
                    }

                    public void close() {
                        LOG.add("close net");
                    }
                });
            }
        });
    }

    @Test
    void lentTablesServeWhatTheHypervisorDoesNotAndCloseWithIt() {
        LOG.clear();
        try (Connect c = Connect.open("composehv:///system?host_root=/tmp/hostroot")) {
            assertEquals(7, c.numOfNetworks());
            VirtException e = assertThrows(VirtException.class, c::numOfStoragePools);
            assertEquals(ErrorNumber.NO_SUPPORT, e.number());
        }
        assertEquals(List.of("attach /tmp/hostroot/system/etc", "close net", "close hv"), LOG);
    }

    @Test
    void scopesFollowTheModeAndTheHostRoot() {
        HostScope sys = HostScope.of(true, null, Map.of());
        assertEquals(Path.of("/etc/jvirt"), sys.configDir());
        assertEquals(Path.of("/run/jvirt"), sys.runDir());
        HostScope session = HostScope.of(false, null, Map.of("XDG_RUNTIME_DIR", "/run/user/1000",
                "XDG_CONFIG_HOME", "/home/u/.cfg"));
        assertEquals(Path.of("/home/u/.cfg/jvirt"), session.configDir());
        assertEquals(Path.of("/run/user/1000/jvirt"), session.runDir());
        HostScope rooted = HostScope.of(false, null, Map.of(HostScope.ENV_HOST_ROOT, "/srv/r"));
        assertEquals(Path.of("/srv/r/session/lib"), rooted.stateDir());
        assertTrue(!rooted.key().equals(HostScope.of(true, "/srv/r", Map.of()).key()));
        ConnectURI uri = ConnectURI.parse("qemu:///system?host_root=/srv/a%20b");
        assertEquals("storage:///system?host_root=%2Fsrv%2Fa%20b", HostScope.of(uri).uri("storage", uri));
        assertEquals("/srv/a b", ConnectURI.parse(HostScope.of(uri).uri("storage", uri)).param("host_root").get());
    }
}
