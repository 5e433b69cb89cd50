package org.jvirt.driver.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real virsh (or any tool) with an argument list and collects its exit, stdout and stderr. */
public final class Virsh {

    public record Result(int code, String out, String err) {
        public String checked() {
            if (code != 0) {
                throw new AssertionError(this.toString());
            }
            return out;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Virsh() {
    }

    public static Result run(String uri, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-q", "-c", uri));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    public static Result exec(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LIBVIRT_AUTOSTART", "0");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        Path out = Files.createTempFile("host-tool", ".out");
        Path err = Files.createTempFile("host-tool", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
