package org.jvirt.remote.auth;

import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_SASL_INIT;
import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_SASL_START;
import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_SASL_STEP;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;

import org.jvirt.ConnectAuth;
import org.jvirt.ConnectAuth.CredentialType;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.remote.client.RpcClient;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStartArgs;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStartRet;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStepArgs;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthSaslStepRet;
import org.jvirt.rpc.sasl.ClientMechanism;
import org.jvirt.rpc.sasl.JdkClientMechanism;
import org.jvirt.rpc.sasl.Scram;
import org.jvirt.rpc.sasl.ScramClient;
import org.jvirt.rpc.sasl.SecurityLayer;
import org.jvirt.rpc.sasl.Strength;
import org.jvirt.uri.ConnectURI;

/**
 * libvirt's remoteAuthSASL: SASL_INIT for the server's list, the mechanism the URI asks for
 * ({@code ?auth=sasl.MECH}) or the best one both sides have, SASL_START, then SASL_STEP until both sides are
 * complete (the client always takes at least one step, to check the server). On plain TCP only mechanisms with
 * a layer are used and an SSF under 56 is refused, as libvirt's client does.
 */
public final class SaslAuthenticator {

    private static final List<String> SECURE_PREFERENCE = List.of(Scram.MECHANISM, "GSSAPI", "DIGEST-MD5");
    private static final List<String> TCP_PREFERENCE = List.of("GSSAPI", "DIGEST-MD5");

    private final RpcClient rpc;
    private final boolean secure;
    private final String hostname;
    private final String uriUser;
    private final String wantedMechanism;
    private final Credentials credentials;

    public SaslAuthenticator(RpcClient rpc, boolean secure, ConnectURI uri, ConnectAuth callback) {
        this.rpc = rpc;
        this.secure = secure;
        this.hostname = uri.host() == null ? "localhost" : uri.host();
        this.uriUser = uri.user();
        String a = uri.param("auth").orElse(null);
        this.wantedMechanism = a != null && a.regionMatches(true, 0, "sasl.", 0, 5) ? a.substring(5) : null;
        this.credentials = new Credentials(AuthFile.forUri(uri), hostname, callback);
    }

    private static VirtException failed(String format, Object... args) {
        return VirtException.of(ErrorDomain.AUTH, ErrorNumber.AUTH_FAILED, format, args);
    }

    /** Runs the exchange; the security layer to put on the link, or null. */
    public SecurityLayer authenticate() {
        String mechlist = rpc.call(AUTH_SASL_INIT, null).mechlist();
        List<String> offered = List.of(mechlist.split("[ ,]+"));
        String mech = choose(mechlist, offered);
        ClientMechanism m = null;
        boolean done = false;
        try {
            m = create(mech);
            byte[] out = m.start();
            RemoteAuthSaslStartRet s = rpc.call(AUTH_SASL_START,
                    new RemoteAuthSaslStartArgs(mech, out == null ? 1 : 0, out == null ? new byte[0] : out));
            boolean complete = s.complete() != 0;
            byte[] in = s.nil() != 0 ? null : s.data();
            while (!(complete && m.isComplete())) {
                out = m.evaluate(in);
                if (complete && m.isComplete()) {
                    break;
                }
                if (complete) {
                    throw failed("server said the exchange was complete but %s is not", mech);
                }
                RemoteAuthSaslStepRet t = rpc.call(AUTH_SASL_STEP,
                        new RemoteAuthSaslStepArgs(out == null ? 1 : 0, out == null ? new byte[0] : out));
                complete = t.complete() != 0;
                in = t.nil() != 0 ? null : t.data();
            }
            SecurityLayer layer = m.securityLayer();
            int ssf = layer == null ? 0 : layer.ssf();
            if (!secure && ssf < 56) {
                throw failed("negotiation SSF %d was not strong enough", ssf);
            }
            done = true;
            return layer; // the mechanism lives on inside the layer
        } catch (SaslException e) {
            throw failed("Failed to step SASL negotiation: %s", e.getMessage());
        } finally {
            if (!done && m != null) {
                m.close();
            }
        }
    }

    private String choose(String mechlist, List<String> offered) {
        if (wantedMechanism != null) {
            if (!mechlist.contains(wantedMechanism)) {
                throw failed("SASL mechanism %s not supported by server", wantedMechanism);
            }
            if (!(secure ? SECURE_PREFERENCE : TCP_PREFERENCE).contains(wantedMechanism)) {
                throw failed("Failed to start SASL negotiation: -4 (SASL(-4): no mechanism available: "
                        + "No worthy mechs found)");
            }
            return wantedMechanism;
        }
        for (String m : secure ? SECURE_PREFERENCE : TCP_PREFERENCE) {
            if (offered.contains(m)) {
                return m;
            }
        }
        throw failed("Failed to start SASL negotiation: -4 (SASL(-4): no mechanism available: "
                + "No worthy mechs found)");
    }

    private String defaultUser() {
        return uriUser != null ? uriUser : System.getProperty("user.name");
    }

    private ClientMechanism create(String mech) throws SaslException {
        int minSsf = secure ? 0 : 56;
        return switch (mech) {
            case Scram.MECHANISM -> {
                Map<CredentialType, String> c = credentials.gather(List.of(
                        new Credentials.Ask(CredentialType.AUTHNAME, "Please enter your authentication name",
                                defaultUser()),
                        new Credentials.Ask(CredentialType.PASSPHRASE, "Please enter your password", null)));
                yield new ScramClient(c.get(CredentialType.AUTHNAME), nonNull(c.get(CredentialType.PASSPHRASE)));
            }
            case "DIGEST-MD5" -> {
                Map<CredentialType, String> c = credentials.gather(List.of(
                        new Credentials.Ask(CredentialType.AUTHNAME, "Please enter your authentication name",
                                defaultUser()),
                        new Credentials.Ask(CredentialType.PASSPHRASE, "Please enter your password", null)));
                Map<String, Object> props = new HashMap<>(Strength.properties(minSsf, false));
                // cyrus-sasl on OpenSSL 3 cannot start 3des (the JDK's first choice); rc4 is what its own client picks
                props.put("com.sun.security.sasl.digest.cipher", "rc4");
                yield new JdkClientMechanism(Sasl.createSaslClient(new String[] {mech}, null, "libvirt", hostname,
                        props, cbs -> digest(cbs, c)), null);
            }
            case "GSSAPI" -> {
                Subject s = kerberosLogin();
                Map<String, Object> props = new HashMap<>(Strength.properties(minSsf, false));
                try {
                    yield new JdkClientMechanism(Subject.callAs(s, () -> Sasl.createSaslClient(new String[] {mech},
                            null, "libvirt", hostname, props, null)), s);
                } catch (java.util.concurrent.CompletionException e) {
                    throw new SaslException(String.valueOf(e.getCause()), e.getCause());
                }
            }
            default -> throw failed("SASL mechanism %s not supported by jvirt's client", mech);
        };
    }

    private static char[] nonNull(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    private void digest(Callback[] callbacks, Map<CredentialType, String> c) throws UnsupportedCallbackException {
        for (Callback cb : callbacks) {
            switch (cb) {
                case NameCallback n -> n.setName(c.get(CredentialType.AUTHNAME));
                case PasswordCallback p -> p.setPassword(nonNull(c.get(CredentialType.PASSPHRASE)));
                case RealmCallback r -> r.setText(r.getDefaultText());
                case RealmChoiceCallback r -> r.setSelectedIndex(0);
                default -> throw new UnsupportedCallbackException(cb);
            }
        }
    }

    /**
     * The user's Kerberos tickets (kinit's credential cache: {@code $KRB5CCNAME}, else the system property
     * {@code jvirt.krb5ccname} for a program that cannot set its environment, else the default cache).
     */
    private static Subject kerberosLogin() throws SaslException {
        Map<String, String> options = new HashMap<>();
        options.put("useTicketCache", "true");
        options.put("doNotPrompt", "true");
        String cache = System.getenv("KRB5CCNAME");
        if (cache == null || cache.isEmpty()) {
            cache = System.getProperty("jvirt.krb5ccname");
        }
        if (cache != null && !cache.isEmpty()) {
            options.put("ticketCache", cache.startsWith("FILE:") ? cache.substring(5) : cache);
        }
        Configuration jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        try {
            LoginContext lc = new LoginContext("jvirt-client", new Subject(), null, jaas);
            lc.login();
            return lc.getSubject();
        } catch (LoginException e) {
            throw new SaslException("GSSAPI: no Kerberos credentials: " + e.getMessage(), e);
        }
    }

    /** For tests and logs: the preference order on a secure or plain link. */
    static List<String> preference(boolean secure) {
        return new ArrayList<>(secure ? SECURE_PREFERENCE : TCP_PREFERENCE);
    }
}
