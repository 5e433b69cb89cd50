package org.jvirt.daemon.dispatch;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jvirt.ErrorDomain;
import org.jvirt.VirtException;
import org.jvirt.daemon.access.AccessManager;
import org.jvirt.daemon.auth.AuthConfig;
import org.jvirt.daemon.auth.AuthServe;
import org.jvirt.daemon.session.CallServer;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.RemoteErrors;
import org.jvirt.rpc.ServerCall;
import org.jvirt.rpc.proto.remote.ConnectProcedures;

/**
 * Procedure declaration → serve function. Built once from the per-kind serve classes; looked up per call.
 * The read-only policy comes from the declaration (libvirt's virCheckReadOnlyGoto), checked before the serve
 * function runs, so a read-only client gets libvirt's words whatever the driver would have said.
 */
public final class DispatchTable implements CallServer {

    private final Map<Procedure<?, ?>, Serve<?, ?>> serves = new HashMap<>();
    private AccessManager access;

    /** Every serve class, registered, with the default authentication settings. */
    public static DispatchTable standard() {
        return standard(AuthConfig.defaults());
    }

    /** Every serve class, registered; the AUTH_* procedures with the daemon's settings. */
    public static DispatchTable standard(AuthConfig auth) {
        DispatchTable t = new DispatchTable();
        t.access = AccessManager.from(auth);
        new AuthServe(auth).register(t);
        ConnectionServe.register(t);
        HostServe.register(t);
        DomainServe.register(t);
        DomainStateServe.register(t);
        SnapshotServe.register(t);
        NetworkServe.register(t);
        NetworkPortServe.register(t);
        DomainInterfaceServe.register(t);
        StorageServe.register(t);
        NodeDeviceServe.register(t);
        InterfaceServe.register(t);
        SecretServe.register(t);
        NWFilterServe.register(t);
        QemuServe.register(t);
        AgentServe.register(t);
        MigrationServe.register(t);
        DomainTuningServe.register(t);
        DomainBlockServe.register(t);
        org.jvirt.daemon.event.EventServe.register(t);
        org.jvirt.daemon.stream.StreamServe.register(t);
        return t;
    }

    /** Registers the serve function of one procedure; a procedure served twice is a programming error. */
    public <A, R> void on(Procedure<A, R> procedure, Serve<A, R> serve) {
        if (serves.put(procedure, serve) != null) {
            throw new IllegalStateException(procedure + " served twice");
        }
    }

    /** The procedures served (for tests and the report). */
    public Set<Procedure<?, ?>> served() {
        return Collections.unmodifiableSet(serves.keySet());
    }

    @Override
    public boolean runsInline(ServerCall<?, ?> call) {
        Procedure<?, ?> p = call.procedure();
        return p == ConnectProcedures.CONNECT_OPEN || p == ConnectProcedures.CONNECT_CLOSE
                || AuthServe.runsInline(p);
    }

    @Override
    public Answer serve(ClientSession client, ServerCall<?, ?> call) {
        Serve<?, ?> serve = serves.get(call.procedure());
        if (serve == null) {
            serve = unserved(call.procedure());
        }
        if (serve == null) {
            return Answer.of(call.error(RemoteErrors.unknownProcedure(call.header().procedure())));
        }
        // ---- auth: libvirt's needAuth (begin) ----
        if (!AuthServe.mayCall(client, call.procedure())) {
            return Answer.of(call.error(AuthServe.authenticationRequired()));
        }
        // ---- auth (end) ----
        if (client.isReadOnly() && !call.allowedOnReadOnly()) {
            return Answer.of(call.error(RemoteErrors.readOnlyDenied(call.procedure())));
        }
        // ---- access control: libvirt's *EnsureACL before the handler, *CheckACL filters after (begin) ----
        AccessManager.Decision decision = null;
        if (access != null) {
            access.bind(client);
            decision = access.before(client, call.procedure(), call.args());
            if (decision.error() != null) {
                return Answer.of(call.error(decision.error()));
            }
        }
        // ---- access control (end) ----
        return run(client, call, serve, access, decision);
    }

    /** What answers a declared call nobody serves: NO_SUPPORT naming its function, once the connection is open. */
    private static Serve<?, ?> unserved(Procedure<?, ?> p) {
        if (p.api() == null) {
            return null;
        }
        return (c, args) -> {
            c.conn();
            throw VirtException.noSupport(p.apiDomain() != null ? p.apiDomain() : ErrorDomain.NONE, p.api());
        };
    }

    @SuppressWarnings("unchecked")
    private static <A, R> Answer run(ClientSession client, ServerCall<A, R> call, Serve<?, ?> serve,
                                     AccessManager access, AccessManager.Decision decision) {
        Call c = new Call(client, call.procedure(), call.header());
        R ret;
        try {
            ret = ((Serve<A, R>) serve).serve(c, call.args());
            if (access != null) {
                ret = (R) access.after(client, call.procedure(), call.args(), decision, ret);
            }
        } catch (VirtException e) {
            // what must follow an error reply runs too (a failed authentication closes the connection)
            return new Answer(call.error(e.error()), c.afterReply());
        }
        return new Answer(call.reply(ret), c.afterReply());
    }
}
