package org.jvirt.install.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a small ISO holding files in its root with xorriso, as virt-install does with xorrisofs: Joliet and
 * Rock Ridge names, and the volume id {@code cidata} for a NoCloud seed (cloud-init looks for that label).
 */
public final class SeedIso {
    public static final String CIDATA = "cidata";

    private SeedIso() {
    }

    /** Writes {@code files} into a new ISO at {@code out}; {@code volumeId} may be null. */
    public static void build(Path out, Map<String, byte[]> files, String volumeId) throws IOException {
        Path dir = Files.createTempDirectory("jvirt-install-seed");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey()).normalize();
                if (!p.getParent().equals(dir)) {
                    throw new IOException("seed file name must be a plain name: " + f.getKey());
                }
                Files.write(p, f.getValue());
            }
            List<String> cmd = new ArrayList<>(List.of("xorriso", "-as", "mkisofs", "-o", out.toString(), "-J",
                    "-input-charset", "utf8", "-rational-rock"));
            if (volumeId != null) {
                cmd.addAll(List.of("-V", volumeId));
            }
            cmd.add(dir.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc;
            try {
                rc = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while building " + out, e);
            }
            if (rc != 0) {
                throw new IOException("xorriso failed (exit " + rc + "): " + output.strip());
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
