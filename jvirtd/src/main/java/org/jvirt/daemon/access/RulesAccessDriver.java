package org.jvirt.daemon.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.daemon.auth.ClientAuth;
import org.jvirt.daemon.auth.ClientIdentity;
import org.jvirt.daemon.auth.Glob;

/**
 * {@code access_drivers = ["rules"]}: jvirt's own rules file ({@code access_rules_file}), for tests and hosts
 * without polkit. One rule a line, three columns; a permission is granted when any rule grants it, and nothing
 * else is:
 *
 * <pre>
 * # identity              object            permissions
 * unix-user:alice         domain:web-*      getattr,read,start,stop
 * sasl-user:bob           connect           getattr,read,search_domains
 * unix-group:wheel        *                 *
 * "x509-dn:CN=ops,O=Example"  storage_pool  *
 * *                       connect           getattr
 * </pre>
 *
 * Identity: {@code unix-user:NAME}, {@code unix-group:NAME}, {@code sasl-user:GLOB}, {@code x509-dn:GLOB}, or
 * {@code *} (anyone). Object: {@code KIND}, {@code KIND:NAME-GLOB} (a volume's name is "pool/volume") or {@code *};
 * a call whose object has no name yet (a define from XML) matches only rules without a name glob or with
 * {@code *}. Permissions: libvirt's names (getattr, read, write, start, stop, save, delete, search_domains, ...)
 * or {@code *}. The file is read again when it changes.
 */
public final class RulesAccessDriver implements AccessDriver {

    record Rule(String identityKind, String identity, String kind, String nameGlob, Set<String> perms) {
    }

    private final Path file;
    private long loadedStamp = Long.MIN_VALUE;
    private List<Rule> rules = List.of();

    public RulesAccessDriver(Path file) {
        this.file = file;
        rules();
    }

    @Override
    public String name() {
        return "rules";
    }

    private synchronized List<Rule> rules() {
        long stamp;
        try {
            stamp = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX, "cannot read access rules file %s: %s",
                    file, e.getMessage());
        }
        if (stamp != loadedStamp) {
            rules = parse(file);
            loadedStamp = stamp;
        }
        return rules;
    }

    static List<Rule> parse(Path file) {
        List<Rule> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX, "cannot read access rules file %s: %s",
                    file, e.getMessage());
        }
        int n = 0;
        for (String line : lines) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            List<String> cols = columns(t);
            if (cols.size() != 3) {
                throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "%s:%d: a rule is: identity object permissions", file, n);
            }
            String id = cols.get(0);
            String idKind = "*";
            String idValue = "*";
            if (!id.equals("*")) {
                int c = id.indexOf(':');
                idKind = c < 0 ? "" : id.substring(0, c);
                idValue = c < 0 ? "" : id.substring(c + 1);
                if (!Set.of("unix-user", "unix-group", "sasl-user", "x509-dn").contains(idKind)) {
                    throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                            "%s:%d: unknown identity '%s'", file, n, id);
                }
            }
            String obj = cols.get(1);
            int c = obj.indexOf(':');
            String kind = c < 0 ? obj : obj.substring(0, c);
            String glob = c < 0 ? "*" : obj.substring(c + 1);
            Set<String> perms = Set.of(cols.get(2).split(","));
            out.add(new Rule(idKind, idValue, kind, glob, perms));
        }
        return out;
    }

    private static List<String> columns(String line) {
        List<String> cols = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(ch) && !quoted) {
                if (any) {
                    cols.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(ch);
                any = true;
            }
        }
        if (any) {
            cols.add(cur.toString());
        }
        return cols;
    }

    @Override
    public boolean allowed(ClientAuth client, String connectDriver, AccessTarget target, String perm) {
        ClientIdentity id = client.identity();
        for (Rule r : rules()) {
            if (identityMatches(r, id) && objectMatches(r, target) && (r.perms().contains("*")
                    || r.perms().contains(perm))) {
                return true;
            }
        }
        return false;
    }

    private static boolean identityMatches(Rule r, ClientIdentity id) {
        return switch (r.identityKind()) {
            case "*" -> true;
            case "unix-user" -> r.identity().equals(id.unixUser());
            case "unix-group" -> r.identity().equals(id.unixGroup());
            case "sasl-user" -> id.saslUser() != null && Glob.matches(r.identity(), id.saslUser());
            case "x509-dn" -> id.x509Dn() != null && (Glob.matches(r.identity(), id.x509Dn())
                    || Glob.matches(r.identity(), certificateOrder(id.x509Dn())));
            default -> false;
        };
    }

    /** "CN=c,O=o,C=GB" (RFC 2253, as the JDK prints it) → "C=GB,O=o,CN=c", the order libvirt's docs write. */
    static String certificateOrder(String rfc2253) {
        List<String> parts = new ArrayList<>(List.of(rfc2253.split(",(?=[A-Za-z0-9.]+=)")));
        java.util.Collections.reverse(parts);
        return String.join(",", parts);
    }

    private static boolean objectMatches(Rule r, AccessTarget t) {
        if (!r.kind().equals("*") && !r.kind().equals(t.kind())) {
            return false;
        }
        if (r.nameGlob().equals("*")) {
            return true;
        }
        return t.name() != null && Glob.matches(r.nameGlob(), t.name());
    }
}
