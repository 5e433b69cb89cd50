package org.jvirt.uri;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;

/**
 * The client configuration (libvirt's {@code libvirt.conf}): the default URI and URI aliases. Read from
 * {@code $JVIRT_CLIENT_CONF} if set, else {@code /etc/jvirt/libvirt.conf} for root and
 * {@code $XDG_CONFIG_HOME/jvirt/libvirt.conf} (default {@code ~/.config}) for other users.
 */
public final class ClientConfig {

    private static final String ALIAS_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    private ClientConfig() {
    }

    public static ConfFile load() {
        Path file = location();
        return Files.isReadable(file) ? ConfFile.read(file) : ConfFile.empty();
    }

    static Path location() {
        String explicit = System.getenv("JVIRT_CLIENT_CONF");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/etc/jvirt/libvirt.conf");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("jvirt").resolve("libvirt.conf");
    }

    /** The default URI as libvirt finds it: LIBVIRT_DEFAULT_URI, then uri_default in the config. */
    public static Optional<String> defaultURI(ConfFile conf) {
        String env = System.getenv("LIBVIRT_DEFAULT_URI");
        if (env != null && !env.isEmpty()) {
            return Optional.of(env);
        }
        return conf.getString("uri_default");
    }

    /** The URI an alias stands for, if {@code name} is one of the config's {@code uri_aliases}. */
    public static Optional<String> resolveAlias(ConfFile conf, String name) {
        List<String> aliases = conf.getStringList("uri_aliases").orElse(List.of());
        for (String entry : aliases) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw VirtException.of(ErrorDomain.NONE, ErrorNumber.CONF_SYNTAX,
                        "Malformed 'uri_aliases' config entry '%s', expected 'alias=uri://host/path'", entry);
            }
            for (int i = 0; i < eq; i++) {
                if (ALIAS_CHARS.indexOf(entry.charAt(i)) < 0) {
                    throw VirtException.of(ErrorDomain.NONE, ErrorNumber.CONF_SYNTAX,
                            "Malformed 'uri_aliases' config entry '%s', aliases may only contain 'a-Z, 0-9, _, -'",
                            entry);
                }
            }
            if (entry.substring(0, eq).equals(name)) {
                return Optional.of(entry.substring(eq + 1));
            }
        }
        return Optional.empty();
    }
}
