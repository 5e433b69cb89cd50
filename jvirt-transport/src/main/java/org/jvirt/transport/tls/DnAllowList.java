package org.jvirt.transport.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

/**
 * {@code tls_allowed_dn_list}: glob patterns ({@code *}, {@code ?}) matched against the client certificate's
 * whole subject DN. libvirt's examples write the DN in certificate order ("C=GB,O=Example,CN=client") while
 * gnutls prints RFC 4514 order ("CN=client,O=Example,C=GB"); both orders are tried. An empty list allows all.
 */
public final class DnAllowList {

    private final List<Pattern> patterns = new ArrayList<>();

    public DnAllowList(List<String> globs) {
        for (String g : globs) {
            patterns.add(glob(g));
        }
    }

    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    public boolean allows(X500Principal subject) {
        if (patterns.isEmpty()) {
            return true;
        }
        String rfc = subject.getName(X500Principal.RFC2253);
        List<String> parts = new ArrayList<>(List.of(rfc.split(",(?=[A-Za-z0-9.]+=)")));
        Collections.reverse(parts);
        String certOrder = String.join(",", parts);
        for (Pattern p : patterns) {
            if (p.matcher(rfc).matches() || p.matcher(certOrder).matches()) {
                return true;
            }
        }
        return false;
    }
}
