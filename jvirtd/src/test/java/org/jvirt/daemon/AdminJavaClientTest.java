package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.remote.admin.AdminClient;
import org.jvirt.remote.admin.AdminConnect;
import org.jvirt.remote.admin.AdminServer;
import org.jvirt.rpc.AdminParams;
import org.jvirt.rpc.ClientTransport;

/** jvirt's Java admin client (jvirt-remote's org.jvirt.remote.admin) against jvirtd's admin socket. */
class AdminJavaClientTest {

    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture("max_workers = 9\nmax_clients = 33\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String uri() {
        return "libvirtd:///system?socket=" + fx.daemon.adminSocketPath();
    }

    private static Map<String, Object> map(List<TypedParameter> params) {
        return params.stream().collect(Collectors.toMap(TypedParameter::field, TypedParameter::value));
    }

    @Test
    void serversPoolsAndLimits() {
        try (AdminConnect a = AdminConnect.open(uri())) {
            assertEquals(Connect.LIBVIRT_VERSION, a.libVersion());
            assertEquals(List.of("libvirtd", "admin"), a.listServers().stream().map(AdminServer::name).toList());
            AdminServer main = a.lookupServer("libvirtd");
            assertEquals(9, map(main.threadPoolParameters()).get(AdminParams.WORKERS_MAX));
            main.setThreadPoolParameters(List.of(TypedParameter.ofUint(AdminParams.WORKERS_MAX, 15)));
            assertEquals(15, map(main.threadPoolParameters()).get(AdminParams.WORKERS_MAX));
            assertEquals(33, map(main.clientLimits()).get(AdminParams.CLIENTS_MAX));
            VirtException wrongType = assertThrows(VirtException.class, () -> main.setClientLimits(
                    List.of(TypedParameter.ofInt(AdminParams.CLIENTS_MAX, 3))));
            assertEquals("invalid argument: invalid type 'int' for parameter 'nclients_max', expected 'uint'",
                    wrongType.getMessage());
            VirtException unknown = assertThrows(VirtException.class, () -> main.setClientLimits(
                    List.of(TypedParameter.ofUint("bogus", 3))));
            assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, unknown.error().number());
            VirtException none = assertThrows(VirtException.class, () -> a.lookupServer("nosuch"));
            assertEquals(ErrorNumber.NO_SERVER, none.error().number());
            assertEquals("Server not found: No server named 'nosuch'", none.getMessage());
        }
    }

    @Test
    void clientsAreSeenAndClosed() throws Exception {
        try (AdminConnect a = AdminConnect.open(uri());
             Connect c = Connect.open(fx.unixUri())) {
            AdminServer main = a.lookupServer("libvirtd");
            List<AdminClient> clients = main.listClients();
            assertEquals(1, clients.size(), clients::toString);
            AdminClient client = main.lookupClient(clients.get(0).id());
            assertEquals(ClientTransport.UNIX, client.transport());
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - client.timestamp()) < 120);
            Map<String, Object> info = map(client.info());
            assertEquals(false, info.get(AdminParams.CLIENT_READONLY));
            assertEquals(System.getProperty("user.name"), info.get(AdminParams.CLIENT_UNIX_USER_NAME));

            // the admin server lists this admin connection itself
            assertEquals(1, a.lookupServer("admin").listClients().size());

            client.close();
            assertThrows(VirtException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    c.getHostname();
                    Thread.sleep(50);
                }
            });
            assertTrue(main.listClients().isEmpty());
            VirtException gone = assertThrows(VirtException.class, () -> main.lookupClient(client.id()));
            assertEquals(ErrorNumber.NO_CLIENT, gone.error().number());
        }
    }

    @Test
    void closeCallbackHearsTheDaemonDropUs() throws Exception {
        assertEquals(Connect.LIBVIRT_VERSION, AdminConnect.version());
        try (AdminConnect watched = AdminConnect.open(uri()); AdminConnect other = AdminConnect.open(uri())) {
            java.util.concurrent.CompletableFuture<org.jvirt.ConnectCloseReason> why =
                    new java.util.concurrent.CompletableFuture<>();
            watched.registerCloseCallback(why::complete);
            AdminServer adminServer = other.lookupServer("admin");
            List<AdminClient> two = adminServer.listClients();
            assertEquals(2, two.size(), two::toString);
            two.get(0).close(); // the older one: watched
            assertEquals(org.jvirt.ConnectCloseReason.EOF, why.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertFalse(watched.isAlive());
            assertTrue(other.isAlive());
        }
    }

    @Test
    void loggingSettingsRoundTrip() {
        try (AdminConnect a = AdminConnect.open(uri())) {
            String outputs = a.loggingOutputs();
            String filters = a.loggingFilters();
            try {
                a.setLoggingFilters("2:org.jvirt.rpc 4:org.jvirt.daemon.session");
                assertEquals("2:org.jvirt.rpc 4:org.jvirt.daemon.session ", a.loggingFilters());
                VirtException bad = assertThrows(VirtException.class, () -> a.setLoggingOutputs("1:bogus"));
                assertEquals("invalid argument: Invalid log destination 'bogus' for log output '1:bogus'",
                        bad.getMessage());
                assertEquals(outputs, a.loggingOutputs());
            } finally {
                a.setLoggingFilters(filters);
                a.setLoggingOutputs(outputs);
            }
        }
    }

    @Test
    void uriErrorsAreLibvirts() {
        VirtException param = assertThrows(VirtException.class, () -> AdminConnect.open("libvirtd:///system?mode=x"));
        assertEquals("unsupported configuration: Unknown URI parameter 'mode'", param.getMessage());
        VirtException scheme = assertThrows(VirtException.class, () -> AdminConnect.open("qemu:///system"));
        assertEquals("unsupported configuration: Unsupported URI scheme 'qemu'", scheme.getMessage());
        VirtException path = assertThrows(VirtException.class, () -> AdminConnect.open("libvirtd:///bogus"));
        assertEquals("unsupported configuration: Invalid URI path '/bogus', try '/system'", path.getMessage());
        AdminConnect a = AdminConnect.open(uri());
        a.close();
        assertFalse(a.isAlive());
    }
}
