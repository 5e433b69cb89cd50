package org.jvirt.daemon.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.daemon.life.LogSetup;
import org.jvirt.daemon.session.CallServer;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.RemoteErrors;
import org.jvirt.rpc.ServerCall;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.admin.AdminConstants;
import org.jvirt.rpc.proto.admin.AdminProcedures;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminClientGetInfoRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectGetLibVersionRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectGetLoggingFiltersRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectGetLoggingOutputsRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectListServersRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectLookupServerRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminNonnullClient;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminNonnullServer;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerGetClientLimitsRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerGetThreadpoolParametersRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerListClientsRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminServerLookupClientRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminTypedParam;

/**
 * The ADMIN program's serve functions (libvirt's admin_server_dispatch.c and admin_server.c): one per procedure,
 * registered against its generated declaration. Errors carry libvirt's codes, domains and words, including which
 * of its two "no such server" messages a procedure reports.
 */
public final class AdminDispatch implements CallServer {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AdminDispatch.class.getName());

    private final DaemonAdmin daemon;
    private final Map<Procedure<?, ?>, BiFunction<ClientSession, Object, Object>> serves = new HashMap<>();

    public AdminDispatch(DaemonAdmin daemon) {
        this.daemon = daemon;
        register();
    }

    @SuppressWarnings("unchecked")
    private <A, R> void on(Procedure<A, R> p, BiFunction<ClientSession, A, R> serve) {
        serves.put(p, (c, a) -> serve.apply(c, (A) a));
    }

    private void register() {
        on(AdminProcedures.CONNECT_OPEN, (c, a) -> {
            noFlags(a.flags(), "adminDispatchConnectOpen");
            return null;
        });
        on(AdminProcedures.CONNECT_CLOSE, (c, a) -> {
            c.closeAfterReply();
            return null;
        });
        on(AdminProcedures.CONNECT_GET_LIB_VERSION, (c, a) -> new AdminConnectGetLibVersionRet(Connect.LIBVIRT_VERSION));
        on(AdminProcedures.CONNECT_LIST_SERVERS, (c, a) -> {
            noFlags(a.flags(), "adminConnectListServers");
            List<AdminNonnullServer> all = daemon.servers().stream().map(s -> new AdminNonnullServer(s.name()))
                    .toList();
            return new AdminConnectListServersRet(a.needResults() != 0 ? limit(all,
                    AdminConstants.ADMIN_SERVER_LIST_MAX, "servers") : List.of(), all.size());
        });
        on(AdminProcedures.CONNECT_LOOKUP_SERVER, (c, a) -> {
            noFlags(a.flags(), "adminConnectLookupServer");
            return new AdminConnectLookupServerRet(new AdminNonnullServer(server(a.name()).name()));
        });
        on(AdminProcedures.SERVER_GET_THREADPOOL_PARAMETERS, (c, a) -> {
            ManagedServer s = server(a.srv().name());
            noFlags(a.flags(), "adminServerGetThreadPoolParameters");
            return new AdminServerGetThreadpoolParametersRet(toWire(s.threadPoolParameters()));
        });
        on(AdminProcedures.SERVER_SET_THREADPOOL_PARAMETERS, (c, a) -> {
            ManagedServer s = serverOrAdminError(a.srv().name());
            noFlags(a.flags(), "adminServerSetThreadPoolParameters");
            s.setThreadPoolParameters(fromWire(a.params()));
            return null;
        });
        on(AdminProcedures.SERVER_LIST_CLIENTS, (c, a) -> {
            ManagedServer s = server(a.srv().name());
            noFlags(a.flags(), "adminServerListClients");
            List<AdminNonnullClient> all = s.clients().list().stream().map(e -> wire(s, e)).toList();
            return new AdminServerListClientsRet(a.needResults() != 0 ? limit(all,
                    AdminConstants.ADMIN_CLIENT_LIST_MAX, "clients") : List.of(), all.size());
        });
        on(AdminProcedures.SERVER_LOOKUP_CLIENT, (c, a) -> {
            ManagedServer s = server(a.srv().name());
            noFlags(a.flags(), "adminServerLookupClient");
            return new AdminServerLookupClientRet(wire(s, client(s, a.id())));
        });
        on(AdminProcedures.CLIENT_GET_INFO, (c, a) -> {
            ManagedServer s = serverOrAdminError(a.clnt().srv().name());
            ServerClients.Entry e = s.clients().find(a.clnt().id()).orElseThrow(() -> VirtException.of(
                    ErrorDomain.ADMIN, ErrorNumber.NO_CLIENT, "no client with matching id '%s' found",
                    Long.toUnsignedString(a.clnt().id())));
            noFlags(a.flags(), "adminClientGetInfo");
            return new AdminClientGetInfoRet(toWire(ClientInfo.of(e)));
        });
        on(AdminProcedures.CLIENT_CLOSE, (c, a) -> {
            ManagedServer s = server(a.clnt().srv().name());
            ServerClients.Entry e = client(s, a.clnt().id());
            noFlags(a.flags(), "adminClientClose");
            e.session().close(); // virNetServerClientClose: the client is gone, whatever it was doing
            return null;
        });
        on(AdminProcedures.SERVER_GET_CLIENT_LIMITS, (c, a) -> {
            ManagedServer s = server(a.srv().name());
            noFlags(a.flags(), "adminServerGetClientLimits");
            return new AdminServerGetClientLimitsRet(toWire(s.clientLimits()));
        });
        on(AdminProcedures.SERVER_SET_CLIENT_LIMITS, (c, a) -> {
            ManagedServer s = serverOrAdminError(a.srv().name());
            noFlags(a.flags(), "adminServerSetClientLimits");
            s.setClientLimits(fromWire(a.params()));
            return null;
        });
        on(AdminProcedures.SERVER_UPDATE_TLS_FILES, (c, a) -> {
            ManagedServer s = server(a.srv().name());
            noFlags(a.flags(), "adminServerUpdateTlsFiles");
            s.updateTlsFiles();
            return null;
        });
        on(AdminProcedures.CONNECT_GET_LOGGING_OUTPUTS, (c, a) -> {
            noFlags(a.flags(), "adminConnectGetLoggingOutputs");
            return new AdminConnectGetLoggingOutputsRet(LogSetup.outputs(), LogSetup.outputCount());
        });
        on(AdminProcedures.CONNECT_GET_LOGGING_FILTERS, (c, a) -> {
            noFlags(a.flags(), "adminConnectGetLoggingFilters");
            int n = LogSetup.filterCount();
            return new AdminConnectGetLoggingFiltersRet(n == 0 ? null : LogSetup.filters(), n);
        });
        on(AdminProcedures.CONNECT_SET_LOGGING_OUTPUTS, (c, a) -> {
            noFlags(a.flags(), "adminConnectSetLoggingOutputs");
            LogSetup.setOutputs(a.outputs());
            return null;
        });
        on(AdminProcedures.CONNECT_SET_LOGGING_FILTERS, (c, a) -> {
            noFlags(a.flags(), "adminConnectSetLoggingFilters");
            LogSetup.setFilters(a.filters());
            return null;
        });
        on(AdminProcedures.CONNECT_SET_DAEMON_TIMEOUT, (c, a) -> {
            noFlags(a.flags(), "adminConnectSetDaemonTimeout");
            daemon.setAutoShutdown((int) Math.min(Integer.toUnsignedLong(a.timeout()), Integer.MAX_VALUE));
            return null;
        });
    }

    @Override
    public ProcedureTable procedures() {
        return ProcedureTable.admin();
    }

    @Override
    public boolean runsInline(ServerCall<?, ?> call) {
        return call.procedure() == AdminProcedures.CONNECT_OPEN || call.procedure() == AdminProcedures.CONNECT_CLOSE;
    }

    @Override
    public Answer serve(ClientSession client, ServerCall<?, ?> call) {
        BiFunction<ClientSession, Object, Object> serve = serves.get(call.procedure());
        if (serve == null) {
            return Answer.of(call.error(RemoteErrors.unknownProcedure(call.header().procedure())));
        }
        LOG.fine(() -> client.describe() + ": " + call.procedure().name());
        byte[] packet = reply(call, serve.apply(client, call.args()));
        // CONNECT_CLOSE: libvirt's delayed close, once the reply is on the wire
        return call.procedure() == AdminProcedures.CONNECT_CLOSE ? new Answer(packet, client::close)
                : Answer.of(packet);
    }

    @SuppressWarnings("unchecked")
    private static <A, R> byte[] reply(ServerCall<A, R> call, Object ret) {
        return call.reply((R) ret);
    }

    /** The set of procedures served (all of the ADMIN program), for tests. */
    public java.util.Set<Procedure<?, ?>> served() {
        return java.util.Collections.unmodifiableSet(serves.keySet());
    }

    // ---- look-ups with libvirt's errors --------------------------------------------------------------------

    /** virNetDaemonGetServer's error. */
    private ManagedServer server(String name) {
        for (ManagedServer s : daemon.servers()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw VirtException.of(ErrorDomain.RPC, ErrorNumber.NO_SERVER, "No server named '%s'", name);
    }

    /** The dispatchers that report their own "no server with matching name" over virNetDaemonGetServer's. */
    private ManagedServer serverOrAdminError(String name) {
        try {
            return server(name);
        } catch (VirtException e) {
            throw VirtException.of(ErrorDomain.ADMIN, ErrorNumber.NO_SERVER,
                    "no server with matching name '%s' found", name);
        }
    }

    /** virNetServerGetClient's error. */
    private static ServerClients.Entry client(ManagedServer s, long id) {
        return s.clients().find(id).orElseThrow(() -> VirtException.of(ErrorDomain.RPC, ErrorNumber.NO_CLIENT,
                "No client with matching ID '%s'", Long.toUnsignedString(id)));
    }

    private static AdminNonnullClient wire(ManagedServer s, ServerClients.Entry e) {
        return new AdminNonnullClient(new AdminNonnullServer(s.name()), e.id(), e.connectedAt(),
                e.transport().code());
    }

    private static void noFlags(int flags, String function) {
        if (flags != 0) {
            throw VirtException.of(ErrorDomain.ADMIN, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function %s", flags, function);
        }
    }

    private static <T> List<T> limit(List<T> all, int max, String what) {
        if (all.size() > max) {
            throw VirtException.of(ErrorDomain.ADMIN, ErrorNumber.INTERNAL_ERROR, "too many %s: %d > %d", what,
                    all.size(), max);
        }
        return all;
    }

    private static List<AdminTypedParam> toWire(List<TypedParameter> params) {
        return TypedParams.toAdminWire(params);
    }

    private static List<TypedParameter> fromWire(List<AdminTypedParam> params) {
        return TypedParams.fromAdminWire(params);
    }
}
