package org.jvirt.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real clients (virsh, python3-libvirt) against the daemon. */
final class Tools {

    static final Path VIRSH = Path.of("/usr/bin/virsh");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Tools() {
    }

    static boolean hasVirsh() {
        return Files.isExecutable(VIRSH);
    }

    static boolean hasPythonLibvirt() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            return run(List.of(PYTHON.toString(), "-c", "import libvirt"), 30).code() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result virsh(String uri, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(VIRSH.toString(), "-c", uri));
        cmd.addAll(List.of(args));
        return run(cmd, 60);
    }

    static Result python(String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        return run(cmd, 60);
    }

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LIBVIRT_AUTOSTART", "0");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts a process in the background (e.g. virsh event --loop) with its stdout going to a file. */
    static Process start(Path stdout, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LIBVIRT_AUTOSTART", "0");
        pb.redirectOutput(stdout.toFile()).redirectErrorStream(true);
        return pb.start();
    }
}
