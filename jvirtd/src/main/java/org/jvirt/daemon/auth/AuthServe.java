package org.jvirt.daemon.auth;

import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_LIST;
import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_POLKIT;
import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_SASL_INIT;
import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_SASL_START;
import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_SASL_STEP;

import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import javax.security.sasl.SaslException;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.daemon.dispatch.Call;
import org.jvirt.daemon.dispatch.DispatchTable;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthListRet;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthPolkitRet;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslInitRet;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStartArgs;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStartRet;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStepArgs;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStepRet;
import org.jvirt.rpc.sasl.SecurityLayer;
import org.jvirt.rpc.sasl.ServerMechanism;

/**
 * AUTH_LIST, AUTH_SASL_INIT/START/STEP and AUTH_POLKIT as libvirtd serves them (remote_daemon_dispatch.c):
 * the socket's scheme, the mechanism list, the exchange, and at its end libvirt's checks — an SSF of at least
 * tcp_min_ssf on plain TCP, the user name against sasl_allowed_username_list — before the client counts as
 * authenticated. Any failure is libvirt's AUTH_FAILED "authentication failed" (never why), and jvirtd then
 * closes the connection. Until a client has authenticated, only these procedures are served (libvirt's
 * needAuth; {@link #mayCall}).
 */
public final class AuthServe {

    private static final Logger LOG = Logger.getLogger(AuthServe.class.getName());
    private static final Set<Procedure<?, ?>> WITHOUT_AUTH = Set.of(AUTH_LIST, AUTH_SASL_INIT, AUTH_SASL_START,
            AUTH_SASL_STEP, AUTH_POLKIT);

    private final AuthConfig config;
    private final SaslMechanisms mechanisms;
    private final PolkitCheck polkit;

    public AuthServe(AuthConfig config) {
        this.config = config;
        this.mechanisms = new SaslMechanisms(config);
        this.polkit = new PolkitCheck(config.pkcheck());
    }

    public void register(DispatchTable t) {
        t.on(AUTH_LIST, (c, a) -> list(c));
        t.on(AUTH_SASL_INIT, (c, a) -> saslInit(c));
        t.on(AUTH_SASL_START, this::saslStart);
        t.on(AUTH_SASL_STEP, this::saslStep);
        t.on(AUTH_POLKIT, (c, a) -> polkit(c));
    }

    /** Whether the client may make this call now: everything once authenticated, the AUTH_* calls before. */
    public static boolean mayCall(ClientSession client, Procedure<?, ?> p) {
        return WITHOUT_AUTH.contains(p) || ClientAuth.of(client).authenticated();
    }

    /** The AUTH_* calls change what the next packet may do, so they run before it is read. */
    public static boolean runsInline(Procedure<?, ?> p) {
        return WITHOUT_AUTH.contains(p);
    }

    /** libvirt's error for a call made before authentication (virnetserverprogram.c, deliberately RPC). */
    public static VirtError authenticationRequired() {
        return VirtError.of(ErrorDomain.RPC, ErrorNumber.RPC, "authentication required");
    }

    private RemoteAuthListRet list(Call c) {
        ClientAuth auth = ClientAuth.of(c.client());
        AuthScheme s = auth.scheme();
        // as libvirtd: root skips polkit, so a missing or broken polkit never locks root out
        if (s == AuthScheme.POLKIT && "root".equals(auth.identity().unixUser())) {
            auth.authenticatedAs(null);
            s = AuthScheme.NONE;
        }
        return new RemoteAuthListRet(List.of(s.wire()));
    }

    private RemoteAuthSaslInitRet saslInit(Call c) {
        ClientAuth auth = ClientAuth.of(c.client());
        if (auth.scheme() != AuthScheme.SASL || auth.saslInitDone() || auth.authenticated()) {
            throw failed(c, "client tried invalid SASL init request");
        }
        List<String> offered = mechanisms.offered(auth.secure());
        if (offered.isEmpty()) {
            throw failed(c, "no SASL mechanism is available on this socket");
        }
        auth.saslInitDone(true);
        return new RemoteAuthSaslInitRet(String.join(",", offered));
    }

    private RemoteAuthSaslStartRet saslStart(Call c, RemoteAuthSaslStartArgs a) {
        ClientAuth auth = ClientAuth.of(c.client());
        if (auth.scheme() != AuthScheme.SASL || !auth.saslInitDone() || auth.mechanism() != null) {
            throw failed(c, "client tried invalid SASL start request");
        }
        Step s;
        try {
            ServerMechanism m = mechanisms.create(a.mech(), auth.secure());
            if (m == null) {
                throw failed(c, "mechanism " + a.mech() + " not offered");
            }
            auth.mechanism(m);
            s = step(c, auth, m, a.nil() != 0 ? null : a.data());
        } catch (SaslException e) {
            throw failed(c, e.getMessage());
        }
        return new RemoteAuthSaslStartRet(s.complete, s.nil(), s.wire());
    }

    private RemoteAuthSaslStepRet saslStep(Call c, RemoteAuthSaslStepArgs a) {
        ClientAuth auth = ClientAuth.of(c.client());
        ServerMechanism m = auth.mechanism();
        if (auth.scheme() != AuthScheme.SASL || m == null || auth.authenticated()) {
            throw failed(c, "client tried invalid SASL step request");
        }
        Step s;
        try {
            s = step(c, auth, m, a.nil() != 0 ? null : a.data());
        } catch (SaslException e) {
            throw failed(c, e.getMessage());
        }
        return new RemoteAuthSaslStepRet(s.complete, s.nil(), s.wire());
    }

    /** One answer; SASL's "no data" (nil) is distinct from empty data, and travels as nil = 1 with no bytes. */
    private record Step(int complete, byte[] data) {
        int nil() {
            return data == null ? 1 : 0;
        }

        byte[] wire() {
            return data == null ? new byte[0] : data;
        }
    }

    private Step step(Call c, ClientAuth auth, ServerMechanism m, byte[] in) throws SaslException {
        byte[] out = m.evaluate(in);
        if (!m.isComplete()) {
            return new Step(0, out);
        }
        SecurityLayer layer = m.securityLayer();
        int ssf = layer == null ? 0 : layer.ssf();
        if (!auth.secure() && ssf < config.tcpMinSsf()) {
            throw failed(c, "negotiated SSF " + ssf + " was not strong enough");
        }
        String user = m.identity();
        if (user == null || !allowed(user)) {
            throw failed(c, "SASL client identity '" + user + "' not allowed by ACL");
        }
        if (layer != null) {
            c.afterReply(auth.saslTransport().armLayer(layer)); // this reply itself still leaves in the clear
        }
        auth.authenticatedAs(user);
        auth.mechanismFinished();
        LOG.info(() -> c.client().describe() + ": SASL " + m.name() + " authenticated " + user + " (SSF " + ssf
                + ")");
        return new Step(1, out);
    }

    private boolean allowed(String user) {
        List<String> globs = config.allowedUsernames();
        if (globs == null) {
            return true;
        }
        for (String g : globs) {
            if (Glob.matches(g, user)) {
                return true;
            }
        }
        return false;
    }

    private RemoteAuthPolkitRet polkit(Call c) {
        ClientAuth auth = ClientAuth.of(c.client());
        if (auth.scheme() != AuthScheme.POLKIT) {
            throw failed(c, "client tried invalid PolicyKit init request");
        }
        String action = c.client().readOnlySocket() ? "org.libvirt.unix.monitor" : "org.libvirt.unix.manage";
        PolkitCheck.Result r = polkit.check(action, auth.peerProcess(), java.util.Map.of());
        if (r != PolkitCheck.Result.ALLOWED) {
            throw failed(c, "polkit: " + action + " " + r);
        }
        auth.authenticatedAs(null);
        return new RemoteAuthPolkitRet(1);
    }

    /** libvirt's answer to any failure, the reason only in our log; the connection closes after the reply. */
    private static VirtException failed(Call c, String why) {
        ClientSession client = c.client();
        LOG.warning(() -> client.describe() + ": authentication failed: " + why);
        ClientAuth.of(client).mechanism(null);
        client.closeAfterReply();
        c.afterReply(client::close);
        return VirtException.of(ErrorDomain.RPC, ErrorNumber.AUTH_FAILED, "authentication failed");
    }
}
