package org.jvirt.remote.admin;

import java.util.List;

import org.jvirt.Libvirt;
import org.jvirt.TypedParameter;
import org.jvirt.rpc.ClientTransport;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.admin.AdminProcedures;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminClientCloseArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminClientGetInfoArgs;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminNonnullClient;

/** One client connected to a server of the daemon (virAdmClient). */
public final class AdminClient {

    private final AdminServer server;
    private final AdminNonnullClient wire;

    AdminClient(AdminServer server, AdminNonnullClient wire) {
        this.server = server;
        this.wire = wire;
    }

    public AdminServer server() {
        return server;
    }

    @Libvirt("virAdmClientGetID")
    public long id() {
        return wire.id();
    }

    /** When it connected, in seconds since the epoch. */
    @Libvirt("virAdmClientGetTimestamp")
    public long timestamp() {
        return wire.timestamp();
    }

    @Libvirt("virAdmClientGetTransport")
    public ClientTransport transport() {
        return ClientTransport.ofCode(wire.transport());
    }

    /** readonly, and the identity the daemon knows: unix user/group/pid, SASL user, address, x509 DN. */
    @Libvirt("virAdmClientGetInfo")
    public List<TypedParameter> info() {
        return TypedParams.fromAdminWire(server.connection().rpc().call(AdminProcedures.CLIENT_GET_INFO,
                new AdminClientGetInfoArgs(wire, 0)).params());
    }

    /** Disconnects the client from the daemon. */
    @Libvirt("virAdmClientClose")
    public void close() {
        server.connection().rpc().call(AdminProcedures.CLIENT_CLOSE, new AdminClientCloseArgs(wire, 0));
    }

    @Override
    public String toString() {
        return server.name() + "/" + id();
    }
}
