package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real libosinfo tools (osinfo-query, osinfo-detect, osinfo-install-script, libosinfo via python). */
final class Peers {
    record Result(int rc, String out, String err) {
    }

    private Peers() {
    }

    static void assumeInstalled(String tool) {
        assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed (scripts/setup-test-deps.sh)");
    }

    static Result run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C");
        Path out = Files.createTempFile("osinfo-peer", ".out");
        Path err = Files.createTempFile("osinfo-peer", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(argv + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
