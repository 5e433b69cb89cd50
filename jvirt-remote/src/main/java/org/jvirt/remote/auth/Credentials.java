package org.jvirt.remote.auth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jvirt.ConnectAuth;
import org.jvirt.ConnectAuth.Credential;
import org.jvirt.ConnectAuth.CredentialType;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Gathers what a mechanism asks for as libvirt's remote driver does (remoteAuthInteract): first from auth.conf
 * (username, authname, password, realm), then whatever is left through one call of the application's
 * {@link ConnectAuth} callback.
 */
final class Credentials {

    private static final Map<CredentialType, String> AUTH_FILE_KEYS = Map.of(
            CredentialType.USERNAME, "username", CredentialType.AUTHNAME, "authname",
            CredentialType.PASSPHRASE, "password", CredentialType.REALM, "realm");

    private final AuthFile file;
    private final String hostname;
    private final ConnectAuth callback;

    Credentials(AuthFile file, String hostname, ConnectAuth callback) {
        this.file = file;
        this.hostname = hostname;
        this.callback = callback;
    }

    /** One request: type, prompt, default. */
    record Ask(CredentialType type, String prompt, String defaultResult) {
    }

    Map<CredentialType, String> gather(List<Ask> asks) {
        Map<CredentialType, String> out = new EnumMap<>(CredentialType.class);
        List<Credential> left = new ArrayList<>();
        for (Ask a : asks) {
            String key = AUTH_FILE_KEYS.get(a.type());
            String v = key == null ? null : file.lookup("libvirt", hostname, key).orElse(null);
            if (v != null) {
                out.put(a.type(), v);
            } else {
                left.add(new Credential(a.type(), a.prompt(), null, a.defaultResult()));
            }
        }
        if (left.isEmpty()) {
            return out;
        }
        if (callback == null) {
            throw VirtException.of(ErrorDomain.AUTH, ErrorNumber.AUTH_FAILED, "No authentication callback available");
        }
        for (Credential c : left) {
            if (!callback.supportedTypes().contains(c.type)) {
                throw VirtException.of(ErrorDomain.AUTH, ErrorNumber.AUTH_FAILED, "Failed to make auth credentials");
            }
        }
        try {
            callback.provide(left);
        } catch (RuntimeException e) {
            throw VirtException.of(ErrorDomain.AUTH, ErrorNumber.AUTH_FAILED, "Failed to collect auth credentials");
        }
        for (Credential c : left) {
            out.put(c.type, c.result != null ? c.result : c.defaultResult);
        }
        return out;
    }
}
