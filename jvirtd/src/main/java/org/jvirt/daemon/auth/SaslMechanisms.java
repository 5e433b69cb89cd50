package org.jvirt.daemon.auth;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;

import org.jvirt.rpc.sasl.JdkServerMechanism;
import org.jvirt.rpc.sasl.Scram;
import org.jvirt.rpc.sasl.ScramServer;
import org.jvirt.rpc.sasl.ServerMechanism;
import org.jvirt.rpc.sasl.Strength;

/**
 * The mechanisms jvirtd offers (libvirt's sasl_listmech) and makes (sasl_server_start): SCRAM-SHA-256 of our own,
 * DIGEST-MD5 and GSSAPI from the JDK. On plain TCP only mechanisms that can negotiate a layer of at least
 * tcp_min_ssf are offered (GSSAPI, DIGEST-MD5 with auth-conf), as cyrus-sasl does under libvirt's properties;
 * on TLS and unix sockets every configured one, without asking for a layer. GSSAPI is offered only when the
 * keytab exists; the service logs in from it once, accepting any principal in it.
 */
final class SaslMechanisms {

    private static final Logger LOG = Logger.getLogger(SaslMechanisms.class.getName());
    private static final String SERVICE = "libvirt";

    private final AuthConfig config;
    private final PasswordFile passwords;
    private Subject gssSubject;

    SaslMechanisms(AuthConfig config) {
        this.config = config;
        this.passwords = new PasswordFile(config.passwordFile());
    }

    /** The mechanisms offered on a secure (TLS, unix) or plain TCP socket, in configured order. */
    List<String> offered(boolean secure) {
        List<String> out = new ArrayList<>();
        for (String m : config.mechanisms()) {
            String mech = m.toUpperCase(java.util.Locale.ROOT);
            boolean layered = mech.equals("GSSAPI") || mech.equals("DIGEST-MD5");
            boolean known = mech.equals(Scram.MECHANISM) || layered;
            if (!known || (!secure && !layered)) {
                continue;
            }
            if (mech.equals("GSSAPI") && !Files.isReadable(config.keytab())) {
                continue;
            }
            out.add(mech);
        }
        return out;
    }

    /** A fresh server side of {@code mech}; null when it is not offered here. */
    ServerMechanism create(String mech, boolean secure) throws SaslException {
        if (mech == null || !offered(secure).contains(mech)) {
            return null;
        }
        int minSsf = secure ? 0 : config.tcpMinSsf();
        return switch (mech) {
            case Scram.MECHANISM -> new ScramServer(passwords::scram);
            case "DIGEST-MD5" -> {
                Map<String, Object> props = new HashMap<>(Strength.properties(minSsf, false));
                props.put("com.sun.security.sasl.digest.realm", realm());
                yield new JdkServerMechanism(Sasl.createSaslServer(mech, SERVICE, null, props, this::digestCallbacks),
                        null);
            }
            case "GSSAPI" -> {
                Subject s = gssSubject();
                Map<String, Object> props = new HashMap<>(Strength.properties(minSsf, false));
                try {
                    yield new JdkServerMechanism(Subject.callAs(s, () -> Sasl.createSaslServer(mech, SERVICE, null,
                            props, this::authorizeOnly)), s);
                } catch (java.util.concurrent.CompletionException e) {
                    throw new SaslException("GSSAPI: " + e.getCause(), e.getCause());
                }
            }
            default -> null;
        };
    }

    private String realm() {
        if (config.realm() != null) {
            return config.realm();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private void digestCallbacks(Callback[] callbacks) throws UnsupportedCallbackException {
        String user = null;
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                user = n.getDefaultName();
            }
        }
        for (Callback c : callbacks) {
            switch (c) {
                case NameCallback n -> n.setName(n.getDefaultName());
                case RealmCallback r -> r.setText(r.getDefaultText());
                case PasswordCallback p -> {
                    char[] pw = user == null ? null : passwords.digestPassword(user);
                    // an unknown user gets a password nobody knows, so the exchange fails at the response
                    p.setPassword(pw != null ? pw : java.util.UUID.randomUUID().toString().toCharArray());
                }
                case AuthorizeCallback a -> a.setAuthorized(a.getAuthenticationID().equals(a.getAuthorizationID()));
                default -> throw new UnsupportedCallbackException(c);
            }
        }
    }

    private void authorizeOnly(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof AuthorizeCallback a) {
                a.setAuthorized(a.getAuthenticationID().equals(a.getAuthorizationID()));
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }

    private synchronized Subject gssSubject() throws SaslException {
        if (gssSubject != null) {
            return gssSubject;
        }
        Map<String, String> options = new HashMap<>();
        options.put("useKeyTab", "true");
        options.put("keyTab", config.keytab().toString());
        options.put("principal", config.servicePrincipal() != null ? config.servicePrincipal() : "*");
        options.put("storeKey", "true");
        options.put("isInitiator", "false");
        options.put("doNotPrompt", "true");
        Configuration jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        try {
            LoginContext lc = new LoginContext("jvirtd", new Subject(), null, jaas);
            lc.login();
            gssSubject = lc.getSubject();
            LOG.info(() -> "GSSAPI: service credentials from " + config.keytab());
            return gssSubject;
        } catch (LoginException e) {
            throw new SaslException("GSSAPI: cannot use keytab " + config.keytab() + ": " + e.getMessage(), e);
        }
    }
}
