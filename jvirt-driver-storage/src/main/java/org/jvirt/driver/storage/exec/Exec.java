package org.jvirt.driver.storage.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Runs a program from an argument list (libvirt's virCommandRun): output captured, a non-zero exit an error
 * worded as libvirt's "Child process (...) unexpected exit status N: stderr". A program's first word is looked
 * up with {@link Programs#require}.
 */
public final class Exec {

    private static final long TIMEOUT_MINUTES = 30;

    private Exec() {
    }

    /** What a finished program printed and its status. */
    public record Result(int status, String stdout, String stderr) {
        public boolean ok() {
            return status == 0;
        }
    }

    /** Runs {@code argv}; a non-zero status is an error. */
    public static String run(List<String> argv) {
        Result r = runAllowingFailure(argv);
        if (!r.ok()) {
            throw failure(argv, r);
        }
        return r.stdout();
    }

    public static VirtException failure(List<String> argv, Result r) {
        String err = r.stderr().strip();
        if (err.isEmpty()) {
            err = r.stdout().strip();
        }
        return VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                "Child process (%s) unexpected exit status %d%s", String.join(" ", argv), r.status(),
                err.isEmpty() ? "" : ": " + err);
    }

    /** Runs {@code argv} and returns how it ended, whatever its status. */
    public static Result runAllowingFailure(List<String> argv) {
        List<String> cmd = new ArrayList<>(argv);
        cmd.set(0, Programs.require(argv.get(0)).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1"); // our own descriptors are no leak of LVM's concern
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "Unable to run %s: %s",
                    argv.get(0), e.getMessage());
        }
        try {
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_TIMEOUT, "%s did not finish",
                        argv.get(0));
            }
            drain.join();
            return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_ABORTED, "%s interrupted", argv.get(0));
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process went away; what was read is kept
        }
    }
}
