package org.jvirt.daemon.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Numeric user and group ids of names. The JDK's SO_PEERCRED gives a unix peer's user and group by name only;
 * libvirt's client info reports the numbers too. {@code getent} asks NSS, so users from LDAP resolve as they do
 * for libvirtd.
 */
final class UnixIds {

    private UnixIds() {
    }

    static OptionalLong uid(String user) {
        return lookup("passwd", user);
    }

    static OptionalLong gid(String group) {
        return lookup("group", group);
    }

    private static OptionalLong lookup(String database, String name) {
        if (name == null || name.isEmpty()) {
            return OptionalLong.empty();
        }
        if (name.chars().allMatch(Character::isDigit)) {
            return OptionalLong.of(Long.parseLong(name)); // the JDK gives the number for an id without a name
        }
        try {
            Process p = new ProcessBuilder(List.of("getent", database, name)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return OptionalLong.empty();
            }
            // name:x:ID:...
            String[] f = out.strip().split(":");
            return f.length >= 3 ? OptionalLong.of(Long.parseLong(f[2])) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
