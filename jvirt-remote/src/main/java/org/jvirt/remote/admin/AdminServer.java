package org.jvirt.remote.admin;

import java.util.List;

import org.jvirt.Libvirt;
import org.jvirt.TypedParameter;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.admin.AdminProcedures;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminNonnullServer;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerGetClientLimitsArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerGetThreadpoolParametersArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerListClientsArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerLookupClientArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerSetClientLimitsArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerSetThreadpoolParametersArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerUpdateTlsFilesArgs;

/**
 * One server of a daemon (virAdmServer): "libvirtd" (the main sockets) or "admin". Parameter names are
 * {@link org.jvirt.rpc.AdminParams}'.
 */
public final class AdminServer {

    private final AdminConnect conn;
    private final String name;

    AdminServer(AdminConnect conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    @Libvirt("virAdmServerGetName")
    public String name() {
        return name;
    }

    AdminNonnullServer wire() {
        return new AdminNonnullServer(name);
    }

    AdminConnect connection() {
        return conn;
    }

    /** minWorkers, maxWorkers, nWorkers, freeWorkers, prioWorkers, jobQueueDepth. */
    @Libvirt("virAdmServerGetThreadPoolParameters")
    public List<TypedParameter> threadPoolParameters() {
        return TypedParams.fromAdminWire(conn.rpc().call(AdminProcedures.SERVER_GET_THREADPOOL_PARAMETERS,
                new AdminServerGetThreadpoolParametersArgs(wire(), 0)).params());
    }

    /** Any of minWorkers, maxWorkers, prioWorkers, as UINT parameters. */
    @Libvirt("virAdmServerSetThreadPoolParameters")
    public void setThreadPoolParameters(List<TypedParameter> params) {
        conn.rpc().call(AdminProcedures.SERVER_SET_THREADPOOL_PARAMETERS,
                new AdminServerSetThreadpoolParametersArgs(wire(), TypedParams.toAdminWire(params), 0));
    }

    @Libvirt("virAdmServerListClients")
    public List<AdminClient> listClients() {
        return conn.rpc().call(AdminProcedures.SERVER_LIST_CLIENTS, new AdminServerListClientsArgs(wire(), 1, 0))
                .clients().stream().map(c -> new AdminClient(this, c)).toList();
    }

    @Libvirt("virAdmServerLookupClient")
    public AdminClient lookupClient(long id) {
        return new AdminClient(this, conn.rpc().call(AdminProcedures.SERVER_LOOKUP_CLIENT,
                new AdminServerLookupClientArgs(wire(), id, 0)).clnt());
    }

    /** nclients_max, nclients, nclients_unauth_max, nclients_unauth. */
    @Libvirt("virAdmServerGetClientLimits")
    public List<TypedParameter> clientLimits() {
        return TypedParams.fromAdminWire(conn.rpc().call(AdminProcedures.SERVER_GET_CLIENT_LIMITS,
                new AdminServerGetClientLimitsArgs(wire(), 0)).params());
    }

    /** Any of nclients_max, nclients_unauth_max, as UINT parameters. */
    @Libvirt("virAdmServerSetClientLimits")
    public void setClientLimits(List<TypedParameter> params) {
        conn.rpc().call(AdminProcedures.SERVER_SET_CLIENT_LIMITS,
                new AdminServerSetClientLimitsArgs(wire(), TypedParams.toAdminWire(params), 0));
    }

    /** The server reads its TLS certificate, key, CA and CRL files again. */
    @Libvirt("virAdmServerUpdateTlsFiles")
    public void updateTlsFiles() {
        conn.rpc().call(AdminProcedures.SERVER_UPDATE_TLS_FILES, new AdminServerUpdateTlsFilesArgs(wire(), 0));
    }

    @Override
    public String toString() {
        return name;
    }
}
