package org.jvirt.daemon.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Asks polkit through {@code pkcheck} (an argument list, never a shell), as libvirt's virPolkitCheckAuth asks
 * polkitd over D-Bus: {@code pkcheck --action-id ACTION --process PID,START,UID [--detail KEY VALUE]...}.
 * pkcheck's exit status: 0 authorized, 1 not authorized, 2 authentication needed (no agent here: a denial),
 * 3 dismissed; anything else is an error.
 */
public final class PolkitCheck {

    public enum Result { ALLOWED, DENIED, CHALLENGE, ERROR }

    private static final Logger LOG = Logger.getLogger(PolkitCheck.class.getName());

    private final String pkcheck;

    public PolkitCheck(String pkcheck) {
        this.pkcheck = pkcheck;
    }

    /** The argument list for one check (visible for the stand-in test). */
    public List<String> argv(String action, PeerProcess process, Map<String, String> details) {
        List<String> cmd = new ArrayList<>(List.of(pkcheck, "--action-id", action, "--process",
                process.pid() + "," + process.startTime() + "," + process.uid()));
        details.forEach((k, v) -> {
            cmd.add("--detail");
            cmd.add(k);
            cmd.add(v);
        });
        return cmd;
    }

    public Result check(String action, PeerProcess process, Map<String, String> details) {
        if (process == null) {
            LOG.warning(() -> "polkit: " + action + " refused: the client process is not known");
            return Result.ERROR;
        }
        try {
            Process p = new ProcessBuilder(argv(action, process, details)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Result.ERROR;
            }
            return switch (p.exitValue()) {
                case 0 -> Result.ALLOWED;
                case 1, 3 -> Result.DENIED;
                case 2 -> Result.CHALLENGE;
                default -> {
                    LOG.warning(() -> "pkcheck failed: " + out.trim());
                    yield Result.ERROR;
                }
            };
        } catch (IOException e) {
            LOG.warning(() -> "cannot run " + pkcheck + ": " + e.getMessage());
            return Result.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.ERROR;
        }
    }
}
