package org.jvirt.remote.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.uri.ConnectURI;

/**
 * libvirt's client credentials file (virauthconfig.c), a key file:
 *
 * <pre>
 * [credentials-NAME]
 * authname=alice
 * password=secret
 * [auth-libvirt-HOSTNAME]      (or auth-libvirt-default)
 * credentials=NAME
 * </pre>
 *
 * Found as libvirt finds it: {@code $LIBVIRT_AUTH_FILE}, the URI's {@code authfile} parameter,
 * {@code $XDG_CONFIG_HOME/libvirt/auth.conf} (~/.config/libvirt/auth.conf), {@code /etc/libvirt/auth.conf}.
 */
public final class AuthFile {

    private final Path path;
    private final Map<String, Map<String, String>> groups;

    private AuthFile(Path path, Map<String, Map<String, String>> groups) {
        this.path = path;
        this.groups = groups;
    }

    /** The file for a connection, or an empty one when there is none. */
    public static AuthFile forUri(ConnectURI uri) {
        Optional<Path> p = locate(uri);
        return p.isPresent() ? read(p.get()) : new AuthFile(null, Map.of());
    }

    static Optional<Path> locate(ConnectURI uri) {
        String env = System.getenv("LIBVIRT_AUTH_FILE");
        if (env != null) {
            return Optional.of(Path.of(env));
        }
        Optional<String> param = uri == null ? Optional.empty() : uri.param("authfile");
        if (param.isPresent()) {
            return Optional.of(Path.of(param.get()));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path user = (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"),
                ".config")).resolve("libvirt").resolve("auth.conf");
        if (Files.isReadable(user)) {
            return Optional.of(user);
        }
        Path system = Path.of("/etc/libvirt/auth.conf");
        return Files.isReadable(system) ? Optional.of(system) : Optional.empty();
    }

    public static AuthFile read(Path path) {
        Map<String, Map<String, String>> groups = new HashMap<>();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new AuthFile(path, Map.of()); // libvirt ignores an auth file it cannot read
        }
        Map<String, String> current = null;
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = groups.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new HashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || current == null) {
                throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "%s:%d: expected a [group] or key=value", path, n);
            }
            current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new AuthFile(path, groups);
    }

    /** virAuthConfigLookup: the value of {@code credname} for a service on a host, if the file has one. */
    public Optional<String> lookup(String service, String hostname, String credname) {
        String host = hostname == null ? "localhost" : hostname;
        Map<String, String> auth = groups.get("auth-" + service + "-" + host);
        if (auth == null) {
            auth = groups.get("auth-" + service + "-default");
        }
        if (auth == null) {
            return Optional.empty();
        }
        String cred = auth.get("credentials");
        if (cred == null) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                    "Missing item 'credentials' in group 'auth-%s-%s' in '%s'", service, host, path);
        }
        Map<String, String> c = groups.get("credentials-" + cred);
        if (c == null) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                    "Missing group 'credentials-%s' referenced from group 'auth-%s-%s' in '%s'", cred, service,
                    host, path);
        }
        return Optional.ofNullable(c.get(credname));
    }
}
