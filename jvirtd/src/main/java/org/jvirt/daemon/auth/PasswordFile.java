package org.jvirt.daemon.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.rpc.sasl.Scram;
import org.jvirt.rpc.sasl.ScramCredential;

/**
 * jvirt's SASL password file (sasldb's role), one entry per line, mode 0600:
 *
 * <pre>
 * # user:mechanism:data
 * alice:SCRAM-SHA-256:4096:&lt;salt&gt;:&lt;StoredKey&gt;:&lt;ServerKey&gt;   (base64; the password cannot be recovered)
 * bob:DIGEST-MD5:&lt;base64 password&gt;                         (only with --digest-md5: DIGEST-MD5 needs it)
 * </pre>
 *
 * Read at every authentication, so changes made by {@code jvirt-saslpasswd} apply without a restart.
 */
public final class PasswordFile {

    public static final String DIGEST_MD5 = "DIGEST-MD5";

    private final Path path;

    public PasswordFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** A user name a line can hold: no separator, no line break, not empty. */
    public static boolean validName(String user) {
        return user != null && !user.isEmpty() && user.chars().noneMatch(c -> c == ':' || c == '\n' || c == '\r'
                || c == '\0');
    }

    private Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b > 0) {
                m.put(line.substring(0, b), line.substring(b + 1));
            }
        }
        return m;
    }

    /** The SCRAM-SHA-256 entry of a user, or null. */
    public ScramCredential scram(String user) {
        String v = entries().get(user + ":" + Scram.MECHANISM);
        try {
            return v == null ? null : ScramCredential.decode(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The DIGEST-MD5 password of a user, or null. */
    public char[] digestPassword(String user) {
        String v = entries().get(user + ":" + DIGEST_MD5);
        return v == null ? null : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8).toCharArray();
    }

    public List<String> users() {
        List<String> out = new ArrayList<>();
        for (String k : entries().keySet()) {
            String u = k.substring(0, k.indexOf(':'));
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** Sets (or with a null password removes) a user's entries, writing the file atomically with mode 0600. */
    public void set(String user, char[] password, int iterations, boolean digestMd5) throws IOException {
        if (!validName(user)) {
            throw new IllegalArgumentException("invalid user name");
        }
        Map<String, String> m = entries();
        m.keySet().removeIf(k -> k.startsWith(user + ":"));
        if (password != null) {
            m.put(user + ":" + Scram.MECHANISM, ScramCredential.derive(password, iterations).encode());
            if (digestMd5) {
                m.put(user + ":" + DIGEST_MD5, Base64.getEncoder().encodeToString(
                        new String(password).getBytes(StandardCharsets.UTF_8)));
            }
        }
        StringBuilder b = new StringBuilder("# jvirt SASL password file, written by jvirt-saslpasswd\n");
        m.forEach((k, v) -> b.append(k).append(':').append(v).append('\n'));
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".saslpasswd", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
