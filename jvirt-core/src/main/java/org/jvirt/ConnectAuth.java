package org.jvirt;

import java.util.List;
import java.util.Set;

/**
 * The application's answer to a driver that needs credentials, libvirt's {@code virConnectAuth}: the credential
 * types the application can supply, and a callback that fills in the results.
 */
public interface ConnectAuth {

    Set<CredentialType> supportedTypes();

    /** Fills {@link Credential#result} of each credential, or throws to cancel the open. */
    void provide(List<Credential> credentials);

    /** libvirt's virConnectCredentialType, same values. */
    enum CredentialType {
        USERNAME(1), AUTHNAME(2), LANGUAGE(3), CNONCE(4), PASSPHRASE(5), ECHOPROMPT(6), NOECHOPROMPT(7),
        REALM(8), EXTERNAL(9);

        private final int code;

        CredentialType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** One credential asked for; the callback sets {@link #result}. */
    final class Credential {
        public final CredentialType type;
        public final String prompt;
        public final String challenge;
        public final String defaultResult;
        public String result;

        public Credential(CredentialType type, String prompt, String challenge, String defaultResult) {
            this.type = type;
            this.prompt = prompt;
            this.challenge = challenge;
            this.defaultResult = defaultResult;
        }
    }
}
