package org.jvirt.driver.host.iface;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iproute2's {@code ip}, run with an argument list (never a shell). A failure is an {@link IpFailure} carrying
 * what ip printed, for the caller to put into libvirt's message.
 */
final class IpCommand {

    /** ip's non-zero exit, with its own message (e.g. "Error: Unknown device type."). */
    static final class IpFailure extends Exception {
        IpFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final String ip;

    IpCommand(String ip) {
        this.ip = ip;
    }

    /** Runs {@code ip ARGS...}; returns its standard output. */
    String run(String... args) throws IpFailure {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add(ip);
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IpFailure(String.join(" ", cmd) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IpFailure(String.join(" ", cmd) + ": " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IpFailure("cannot run " + ip + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpFailure(String.join(" ", cmd) + " interrupted");
        }
    }

    /** Runs a clean-up command whose failure does not matter (the thing is already gone). */
    void quietly(String... args) {
        try {
            run(args);
        } catch (IpFailure e) {
            // best effort
        }
    }
}
