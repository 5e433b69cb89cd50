package org.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.rpc.proto.admin.AdminProcedures;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminNonnullClient;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminNonnullServer;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerGetThreadpoolParametersRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminTypedParam;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;

/** The ADMIN program as generated from admin_protocol.x: numbers, names, the separate table, and byte layouts. */
class AdminProcedureTableTest {

    /** libvirt 9.0's admin_procedure enum, in order (numbers 1..19), copied from its documentation by hand. */
    private static final List<String> NAMES = List.of("CONNECT_OPEN", "CONNECT_CLOSE", "CONNECT_GET_LIB_VERSION",
            "CONNECT_LIST_SERVERS", "CONNECT_LOOKUP_SERVER", "SERVER_GET_THREADPOOL_PARAMETERS",
            "SERVER_SET_THREADPOOL_PARAMETERS", "SERVER_LIST_CLIENTS", "SERVER_LOOKUP_CLIENT", "CLIENT_GET_INFO",
            "CLIENT_CLOSE", "SERVER_GET_CLIENT_LIMITS", "SERVER_SET_CLIENT_LIMITS", "CONNECT_GET_LOGGING_OUTPUTS",
            "CONNECT_GET_LOGGING_FILTERS", "CONNECT_SET_LOGGING_OUTPUTS", "CONNECT_SET_LOGGING_FILTERS",
            "SERVER_UPDATE_TLS_FILES", "CONNECT_SET_DAEMON_TIMEOUT");

    @Test
    void everyProcedureWithLibvirtsNumberAndApi() {
        List<Procedure<?, ?>> procs = ProcedureTable.admin().procedures(Program.ADMIN);
        assertEquals(NAMES.size(), procs.size());
        for (int i = 0; i < NAMES.size(); i++) {
            Procedure<?, ?> p = procs.get(i);
            assertEquals(i + 1, p.number());
            assertEquals(NAMES.get(i), p.name());
            assertTrue(p.api().startsWith("virAdm"), p + " backs " + p.api());
            assertEquals(ErrorDomain.ADMIN, p.apiDomain());
        }
        assertEquals("virAdmServerGetThreadPoolParameters", AdminProcedures.SERVER_GET_THREADPOOL_PARAMETERS.api());
        assertEquals(0x06900690, Program.ADMIN.number());
    }

    @Test
    void theAdminSocketAndTheMainSocketsKnowOnlyTheirOwnPrograms() {
        assertTrue(ProcedureTable.admin().hasProgram(0x06900690, 1));
        assertTrue(ProcedureTable.admin().hasProgram(Program.KEEPALIVE.number(), 1));
        assertFalse(ProcedureTable.admin().hasProgram(Program.REMOTE.number(), 1));
        assertFalse(ProcedureTable.standard().hasProgram(0x06900690, 1));
    }

    @Test
    void clientAndTypedParamLayouts() {
        AdminNonnullClient c = new AdminNonnullClient(new AdminNonnullServer("admin"), 7, 0x5f5e100L, 2);
        assertArrayEquals(Hex.bytes("00000005 61646d69 6e000000 00000000 00000007 00000000 05f5e100 00000002"),
                c.toBytes());
        AdminServerGetThreadpoolParametersRet r = new AdminServerGetThreadpoolParametersRet(
                List.of(new AdminTypedParam("maxWorkers", new RemoteTypedParamValue.UintValue(20))));
        // array length 1, "maxWorkers" (10 bytes + 2 pad), type VIR_TYPED_PARAM_UINT (2), 20
        assertArrayEquals(Hex.bytes("00000001 0000000a 6d617857 6f726b65 72730000 00000002 00000014"), r.toBytes());
        assertEquals(r, AdminServerGetThreadpoolParametersRet.XDR.fromBytes(r.toBytes()));
    }
}
