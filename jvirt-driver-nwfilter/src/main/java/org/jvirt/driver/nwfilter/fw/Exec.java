package org.jvirt.driver.nwfilter.fw;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.nwfilter.conf.Errors;

/** Runs nft from an argument list (never a shell), feeding it a script on stdin. */
final class Exec {

    private Exec() {
    }

    record Result(int exitCode, String out) {
    }

    static Result run(List<String> argv, String stdin) {
        List<String> cmd = new ArrayList<>(argv);
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(d, argv.get(0)))) {
                cmd.set(0, Path.of(d, argv.get(0)).toString());
                break;
            }
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
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
                throw Errors.of(ErrorNumber.SYSTEM_ERROR, "%s timed out", argv.get(0));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw Errors.of(ErrorNumber.SYSTEM_ERROR, "cannot run %s: %s", argv.get(0), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.of(ErrorNumber.OPERATION_ABORTED, "%s: interrupted", argv.get(0));
        }
    }
}
