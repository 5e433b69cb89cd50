package org.jvirt.remote.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Where an admin URI's socket is (libvirt-admin.c's getSocketPath): {@code ?socket=} wins; otherwise the scheme
 * names the daemon — {@code libvirtd} (libvirt-admin-sock), {@code virt*} ({@code <scheme>-admin-sock}) in
 * /run/libvirt or the user's runtime directory, and jvirt's own {@code jvirtd} (jvirt-admin-sock in /run/jvirt or
 * $XDG_RUNTIME_DIR/jvirt).
 */
final class AdminUri {

    private AdminUri() {
    }

    /** virAdmGetDefaultURI: LIBVIRT_ADMIN_DEFAULT_URI, else libvirtd:///system for root, ///session otherwise. */
    static String defaultUri() {
        String env = System.getenv("LIBVIRT_ADMIN_DEFAULT_URI");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        return "root".equals(System.getProperty("user.name")) ? "libvirtd:///system" : "libvirtd:///session";
    }

    static Path socketPath(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw VirtException.of(ErrorDomain.URI, ErrorNumber.INTERNAL_ERROR, "Unable to parse URI %s", uri);
        }
        String socket = null;
        String query = u.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                if (!name.equals("socket")) {
                    throw VirtException.of(ErrorDomain.ADMIN, ErrorNumber.CONFIG_UNSUPPORTED,
                            "Unknown URI parameter '%s'", name);
                }
                socket = value;
            }
        }
        if (socket != null) {
            return Path.of(socket);
        }
        String scheme = u.getScheme();
        if (scheme == null) {
            throw VirtException.of(ErrorDomain.ADMIN, ErrorNumber.CONFIG_UNSUPPORTED, "No URI scheme specified");
        }
        String base;
        String dir;
        if (scheme.equals("jvirtd")) {
            base = "jvirt-admin-sock";
            dir = "jvirt";
        } else if (scheme.equals("libvirtd")) {
            base = "libvirt-admin-sock";
            dir = "libvirt";
        } else if (scheme.startsWith("virt")) {
            base = scheme + "-admin-sock";
            dir = "libvirt";
        } else {
            throw VirtException.of(ErrorDomain.ADMIN, ErrorNumber.CONFIG_UNSUPPORTED, "Unsupported URI scheme '%s'",
                    scheme);
        }
        String path = u.getPath();
        if ("/system".equals(path)) {
            return Path.of("/run", dir, base);
        }
        if ("/session".equals(path)) {
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            Path root = runtime != null && !runtime.isEmpty() ? Path.of(runtime)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return root.resolve(dir).resolve(base);
        }
        throw VirtException.of(ErrorDomain.ADMIN, ErrorNumber.CONFIG_UNSUPPORTED, "Invalid URI path '%s', try '/system'",
                path == null ? "" : path);
    }
}
