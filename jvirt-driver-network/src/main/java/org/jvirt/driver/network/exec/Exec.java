package org.jvirt.driver.network.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Runs a host program from an argument list (never a shell string), optionally feeding it stdin, and turns a
 * failure into libvirt's SYSTEM_ERROR naming what was being done. The one place this driver starts programs
 * that are expected to exit.
 */
public final class Exec {

    private static final List<String> DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Exec() {
    }

    /** What a program printed and how it ended. */
    public record Result(int exitCode, String out) {
    }

    /** The absolute path of a program in the usual system directories (PATH is not trusted). */
    public static String which(String program) {
        for (String d : DIRS) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return program;
    }

    /** Runs {@code argv}; returns its output, or fails with "{what}: {output}". */
    public static String run(String what, List<String> argv) {
        return run(what, argv, null);
    }

    /** Runs {@code argv} with {@code stdin}; returns its output, or fails with "{what}: {output}". */
    public static String run(String what, List<String> argv, String stdin) {
        Result r = tryRun(what, argv, stdin, Map.of());
        if (r.exitCode() != 0) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "%s: %s", what,
                    r.out().isEmpty() ? argv.get(0) + " exited with status " + r.exitCode() : r.out());
        }
        return r.out();
    }

    /** Runs {@code argv}; a failure to start or a timeout throws, a non-zero exit is returned. */
    public static Result tryRun(String what, List<String> argv, String stdin, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(argv);
        cmd.set(0, which(cmd.get(0)));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = pb.start();
            if (stdin != null) {
                try (OutputStream o = p.getOutputStream()) {
                    o.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "%s: %s timed out", what,
                        argv.get(0));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "%s: cannot run %s: %s", what,
                    argv.get(0), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_ABORTED, "%s: interrupted", what);
        }
    }
}
