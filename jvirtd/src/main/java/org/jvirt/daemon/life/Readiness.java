package org.jvirt.daemon.life;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * systemd's readiness protocol (sd_notify) for a Type=notify unit. NOTIFY_SOCKET is a unix datagram socket,
 * which the JDK's channels cannot open, so the message goes through {@code systemd-notify}, started with an
 * argument list and {@code --pid} naming us as the main process (the unit needs {@code NotifyAccess=all}, as
 * the sender is our child). Nothing happens when NOTIFY_SOCKET is unset (not started by systemd).
 */
public final class Readiness {

    private static final Logger LOG = Logger.getLogger(Readiness.class.getName());

    private Readiness() {
    }

    /** READY=1: every listener is up. */
    public static void ready() {
        notify("--ready", "--status=serving");
    }

    /** RELOADING=1 ... READY=1 around a SIGHUP reload. */
    public static void status(String status) {
        notify("--status=" + status);
    }

    /** STOPPING=1 at the start of a shutdown. */
    public static void stopping() {
        notify("--stopping");
    }

    private static void notify(String... what) {
        String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("systemd-notify", "--pid=" + ProcessHandle.current().pid()));
        cmd.addAll(List.of(what));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.warning("systemd-notify did not finish");
            } else if (p.exitValue() != 0) {
                LOG.warning(() -> "systemd-notify " + String.join(" ", what) + " failed with " + p.exitValue());
            }
        } catch (IOException e) {
            LOG.warning(() -> "cannot run systemd-notify: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
