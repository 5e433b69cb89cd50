package org.jvirt.remote.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jvirt.Connect;
import org.jvirt.ConnectCloseReason;
import org.jvirt.Libvirt;
import org.jvirt.remote.client.RpcClient;
import org.jvirt.remote.transport.UnixDialer;
import org.jvirt.rpc.proto.admin.AdminProcedures;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectGetLoggingFiltersArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectGetLoggingFiltersRet;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectGetLoggingOutputsArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectListServersArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectLookupServerArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectOpenArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectSetDaemonTimeoutArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectSetLoggingFiltersArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminConnectSetLoggingOutputsArgs;

/**
 * A connection to a daemon's admin server (virAdmConnect): what virt-admin does, from Java, against jvirtd or a
 * real libvirtd. {@code AdminConnect.open("libvirtd:///system?socket=/run/jvirt/jvirt-admin-sock")}.
 */
public final class AdminConnect implements AutoCloseable {

    private final String uri;
    private final RpcClient rpc;
    private final List<Consumer<ConnectCloseReason>> closeCallbacks;

    private AdminConnect(String uri, RpcClient rpc, List<Consumer<ConnectCloseReason>> closeCallbacks) {
        this.uri = uri;
        this.rpc = rpc;
        this.closeCallbacks = closeCallbacks;
    }

    /** The version of libvirt's admin library this client implements (major * 1 000 000 + minor * 1000). */
    @Libvirt("virAdmGetVersion")
    public static long version() {
        return Connect.LIBVIRT_VERSION;
    }

    /** Opens the admin socket the URI names (null: libvirt's default admin URI) and sends CONNECT_OPEN. */
    @Libvirt("virAdmConnectOpen")
    public static AdminConnect open(String uri) {
        String name = uri != null ? uri : AdminUri.defaultUri();
        Path socket = AdminUri.socketPath(name);
        List<Consumer<ConnectCloseReason>> callbacks = new CopyOnWriteArrayList<>();
        RpcClient rpc = new RpcClient(new UnixDialer(socket).dial(), m -> { },
                (reason, error) -> callbacks.forEach(cb -> cb.accept(reason)));
        try {
            rpc.call(AdminProcedures.CONNECT_OPEN, new AdminConnectOpenArgs(0));
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
        return new AdminConnect(name, rpc, callbacks);
    }

    RpcClient rpc() {
        return rpc;
    }

    @Libvirt("virAdmConnectGetURI")
    public String uri() {
        return uri;
    }

    @Libvirt("virAdmConnectIsAlive")
    public boolean isAlive() {
        return rpc.isOpen();
    }

    /**
     * Tells {@code callback} why the connection ended (the daemon went away, keepalive, an error, or
     * {@link #close}); closing the returned handle unregisters it.
     */
    @Libvirt({"virAdmConnectRegisterCloseCallback", "virAdmConnectUnregisterCloseCallback"})
    public AutoCloseable registerCloseCallback(Consumer<ConnectCloseReason> callback) {
        closeCallbacks.add(callback);
        return () -> closeCallbacks.remove(callback);
    }

    /** The daemon's libvirt version, major * 1 000 000 + minor * 1000 + release. */
    @Libvirt("virAdmConnectGetLibVersion")
    public long libVersion() {
        return rpc.call(AdminProcedures.CONNECT_GET_LIB_VERSION, null).libVer();
    }

    @Libvirt("virAdmConnectListServers")
    public List<AdminServer> listServers() {
        return rpc.call(AdminProcedures.CONNECT_LIST_SERVERS, new AdminConnectListServersArgs(1, 0)).servers()
                .stream().map(s -> new AdminServer(this, s.name())).toList();
    }

    @Libvirt("virAdmConnectLookupServer")
    public AdminServer lookupServer(String name) {
        return new AdminServer(this, rpc.call(AdminProcedures.CONNECT_LOOKUP_SERVER,
                new AdminConnectLookupServerArgs(name, 0)).srv().name());
    }

    /** The outputs in force, as libvirt writes them ("3:stderr 1:file:/var/log/x.log"). */
    @Libvirt("virAdmConnectGetLoggingOutputs")
    public String loggingOutputs() {
        return rpc.call(AdminProcedures.CONNECT_GET_LOGGING_OUTPUTS, new AdminConnectGetLoggingOutputsArgs(0))
                .outputs();
    }

    /** The filters in force ("1:qemu 3:remote "), "" when there are none. */
    @Libvirt("virAdmConnectGetLoggingFilters")
    public String loggingFilters() {
        AdminConnectGetLoggingFiltersRet r = rpc.call(AdminProcedures.CONNECT_GET_LOGGING_FILTERS,
                new AdminConnectGetLoggingFiltersArgs(0));
        return r.filters() == null ? "" : r.filters();
    }

    /** Replaces every output; null or "" restores the daemon's default output. */
    @Libvirt("virAdmConnectSetLoggingOutputs")
    public void setLoggingOutputs(String outputs) {
        rpc.call(AdminProcedures.CONNECT_SET_LOGGING_OUTPUTS, new AdminConnectSetLoggingOutputsArgs(outputs, 0));
    }

    /** Replaces every filter; null or "" removes them. */
    @Libvirt("virAdmConnectSetLoggingFilters")
    public void setLoggingFilters(String filters) {
        rpc.call(AdminProcedures.CONNECT_SET_LOGGING_FILTERS, new AdminConnectSetLoggingFiltersArgs(filters, 0));
    }

    /** The daemon exits after this many seconds without clients; 0 turns that off. */
    @Libvirt("virAdmConnectSetDaemonTimeout")
    public void setDaemonTimeout(int seconds) {
        rpc.call(AdminProcedures.CONNECT_SET_DAEMON_TIMEOUT, new AdminConnectSetDaemonTimeoutArgs(seconds, 0));
    }

    /** CONNECT_CLOSE, then the socket; closing twice does nothing. */
    @Libvirt("virAdmConnectClose")
    @Override
    public void close() {
        if (rpc.isOpen()) {
            try {
                rpc.call(AdminProcedures.CONNECT_CLOSE, null);
            } catch (RuntimeException e) {
                // the daemon went first; closing anyway
            }
        }
        rpc.close();
    }
}
