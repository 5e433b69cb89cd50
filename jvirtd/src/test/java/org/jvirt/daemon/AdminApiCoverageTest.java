package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.jvirt.Libvirt;
import org.jvirt.daemon.admin.AdminDispatch;
import org.jvirt.remote.admin.AdminClient;
import org.jvirt.remote.admin.AdminConnect;
import org.jvirt.remote.admin.AdminServer;
import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.Program;

/**
 * Every function of libvirt 9.0's admin library has a Java method (by its {@code @Libvirt} annotation) or is n/a,
 * docs/admin.md's table says exactly that, and jvirtd serves every ADMIN procedure.
 */
class AdminApiCoverageTest {

    /** libvirt 9.0's libvirt-admin public symbols (32), written out by hand; n/a ones map to their reason. */
    private static final Map<String, String> NOT_APPLICABLE = Map.of(
            "virAdmClientFree", "garbage collected", "virAdmConnectRef", "garbage collected",
            "virAdmServerFree", "garbage collected", "virAdmInitialize", "nothing to initialise");
    private static final String[] FUNCTIONS = {"virAdmClientClose", "virAdmClientFree", "virAdmClientGetID",
        "virAdmClientGetInfo", "virAdmClientGetTimestamp", "virAdmClientGetTransport", "virAdmConnectClose",
        "virAdmConnectGetLibVersion", "virAdmConnectGetLoggingFilters", "virAdmConnectGetLoggingOutputs",
        "virAdmConnectGetURI", "virAdmConnectIsAlive", "virAdmConnectListServers", "virAdmConnectLookupServer",
        "virAdmConnectOpen", "virAdmConnectRef", "virAdmConnectRegisterCloseCallback",
        "virAdmConnectSetDaemonTimeout", "virAdmConnectSetLoggingFilters", "virAdmConnectSetLoggingOutputs",
        "virAdmConnectUnregisterCloseCallback", "virAdmGetVersion", "virAdmInitialize", "virAdmServerFree",
        "virAdmServerGetClientLimits", "virAdmServerGetName", "virAdmServerGetThreadPoolParameters",
        "virAdmServerListClients", "virAdmServerLookupClient", "virAdmServerSetClientLimits",
        "virAdmServerSetThreadPoolParameters", "virAdmServerUpdateTlsFiles"};

    @Test
    void everyAdminFunctionIsImplementedOrNotApplicable() throws Exception {
        assertEquals(32, FUNCTIONS.length);
        Map<String, String> java = new TreeMap<>();
        for (Class<?> c : new Class<?>[] {AdminConnect.class, AdminServer.class, AdminClient.class}) {
            for (Method m : c.getDeclaredMethods()) {
                Libvirt l = m.getAnnotation(Libvirt.class);
                if (l != null) {
                    for (String fn : l.value()) {
                        java.putIfAbsent(fn, c.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        TreeSet<String> missing = new TreeSet<>();
        for (String fn : FUNCTIONS) {
            if (!java.containsKey(fn) && !NOT_APPLICABLE.containsKey(fn)) {
                missing.add(fn);
            }
        }
        assertTrue(missing.isEmpty(), "no Java method for " + missing);
        String doc = Files.readString(Path.of("..", "docs", "admin.md"));
        for (String fn : FUNCTIONS) {
            String row = java.containsKey(fn) ? "| " + fn + " | `" + java.get(fn)
                    : "| " + fn + " | n/a: " + NOT_APPLICABLE.get(fn) + " |";
            assertTrue(doc.contains(row), "docs/admin.md lacks the row " + row);
        }
    }

    @Test
    void jvirtdServesTheWholeAdminProgram() {
        AdminDispatch d = new AdminDispatch(null);
        assertEquals(ProcedureTable.admin().procedures(Program.ADMIN).size(), d.served().size());
        assertEquals(19, d.served().size());
    }
}
