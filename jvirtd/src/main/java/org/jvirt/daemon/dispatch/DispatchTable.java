package org.jvirt.daemon.dispatch;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Map<Procedure<?, ?>, Serve<?, ?>> serves = new ConcurrentHashMap<>();
    /**
     * Serve classes register in the order of {@link #registerGroup} until one serves the procedure called. Why
     * lazily: each serve function is a lambda, whose class is spun and whose record types are loaded when it is
     * registered — ~1 000 classes and ~4 MiB of an idle daemon for ~450 procedures, of which a client typically
     * calls a dozen. (A switch, not a list of method references: those would be 23 more lambda classes.)
     */
    private static final int GROUPS = 23;
    private final Object registering = new Object();
    private int registeredGroups;
    private volatile boolean allRegistered;
    private AccessManager access;

    /** Every serve class, registered, with the default authentication settings. */
    public static DispatchTable standard() {
        return standard(AuthConfig.defaults());
    }

    /**
     * Every serve class, registered on first need; the AUTH_* procedures (every client's first calls) at once,
     * with the daemon's settings.
     */
    public static DispatchTable standard(AuthConfig auth) {
        DispatchTable t = new DispatchTable();
        t.access = AccessManager.from(auth);
        new AuthServe(auth).register(t);
        return t;
    }

    /** Registers the serve function of one procedure; a procedure served twice is a programming error. */
    public <A, R> void on(Procedure<A, R> procedure, Serve<A, R> serve) {
        if (serves.putIfAbsent(procedure, serve) != null) {
            throw new IllegalStateException(procedure + " served twice");
        }
    }

    /** The procedures served (for tests and the report); registers every serve class. */
    public Set<Procedure<?, ?>> served() {
        serveOf(null);
        return Collections.unmodifiableSet(serves.keySet());
    }

    /**
     * The serve function of {@code p}, registering pending serve classes in order until one serves it (all of them
     * when none does, or when {@code p} is null); null when nobody serves it.
     */
    private Serve<?, ?> serveOf(Procedure<?, ?> p) {
        Serve<?, ?> serve = p == null ? null : serves.get(p);
        if (serve != null || allRegistered) {
            return serve;
        }
        synchronized (registering) {
            while ((p == null || (serve = serves.get(p)) == null) && registeredGroups < GROUPS) {
                registerGroup(registeredGroups++);
            }
            allRegistered = registeredGroups == GROUPS;
            return serve;
        }
    }

    /** The serve classes, what clients call first (connection, host, domains, events) first. */
    private void registerGroup(int group) {
        switch (group) {
            case 0 -> ConnectionServe.register(this);
            case 1 -> HostServe.register(this);
            case 2 -> DomainServe.register(this);
            case 3 -> DomainStateServe.register(this);
            case 4 -> org.jvirt.daemon.event.EventServe.register(this);
            case 5 -> SnapshotServe.register(this);
            case 6 -> NetworkServe.register(this);
            case 7 -> NetworkPortServe.register(this);
            case 8 -> DomainInterfaceServe.register(this);
            case 9 -> StorageServe.register(this);
            case 10 -> NodeDeviceServe.register(this);
            case 11 -> InterfaceServe.register(this);
            case 12 -> SecretServe.register(this);
            case 13 -> NWFilterServe.register(this);
            case 14 -> QemuServe.register(this);
            case 15 -> AgentServe.register(this);
            case 16 -> MigrationServe.register(this);
            case 17 -> DomainTuningServe.register(this);
            case 18 -> org.jvirt.daemon.stream.StreamServe.register(this);
            case 19 -> CheckpointServe.register(this);
            case 20 -> HostCpuServe.register(this);
            case 21 -> DomainIOThreadServe.register(this);
            case 22 -> DomainBlockServe.register(this);
            default -> throw new IllegalArgumentException("no serve group " + group);
        }
    }

    @Override
    public boolean runsInline(ServerCall<?, ?> call) {
        Procedure<?, ?> p = call.procedure();
        return p == ConnectProcedures.CONNECT_OPEN || p == ConnectProcedures.CONNECT_CLOSE
                || AuthServe.runsInline(p);
    }

    @Override
    public Answer serve(ClientSession client, ServerCall<?, ?> call) {
        Serve<?, ?> serve = serveOf(call.procedure());
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
