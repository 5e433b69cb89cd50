package org.jvirt.shell;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jvirt.Domain;
import org.jvirt.flags.DomainSetTimeFlag;

/** Commands served by the guest agent: domtime. */
final class AgentCommands {

    private static final DateTimeFormatter PRETTY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private AgentCommands() {
    }

    /** virsh's cmdDomTime: get (seconds, or --pretty in UTC), or set --time, --now or --sync. */
    static boolean domtime(Shell sh, Invocation cmd) {
        boolean now = cmd.bool("now");
        boolean sync = cmd.bool("sync");
        boolean time = cmd.has("time");
        exclusive(sh, time, now, "time", "now");
        exclusive(sh, time, sync, "time", "sync");
        exclusive(sh, now, sync, "now", "sync");
        Domain d = Lookup.domain(sh, cmd);
        long seconds = cmd.longInt("time", 0);
        if (time || now || sync) {
            if (now) {
                seconds = Instant.now().getEpochSecond();
            }
            if (sync) {
                d.setTime(Instant.ofEpochSecond(seconds), DomainSetTimeFlag.SYNC);
            } else {
                d.setTime(Instant.ofEpochSecond(seconds));
            }
            return true;
        }
        Instant t = d.getTime();
        // virsh prints the time without a line end
        if (cmd.bool("pretty")) {
            sh.print("Time: %s", PRETTY.format(t));
        } else {
            sh.print("Time: %d", t.getEpochSecond());
        }
        return true;
    }

    private static void exclusive(Shell sh, boolean a, boolean b, String nameA, String nameB) {
        if (a && b) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", nameA, nameB);
        }
    }
}
