package org.jvirt.driver.host;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Host commands the tests run (ip, losetup), by argument list, and names unique to this helper's tests. */
public final class HostCommands {

    private HostCommands() {
    }

    /** Runs a command and returns its stdout; a failure is an AssertionError with its output. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        return Virsh.exec(List.of(cmd)).checked();
    }

    /** Runs a command, ignoring its outcome (clean-up of what may already be gone). */
    public static void quietly(String... cmd) {
        try {
            Virsh.exec(List.of(cmd));
        } catch (IOException | InterruptedException e) {
            // clean-up is best effort
        }
    }

    /** A link name prefixed "hst" (this helper), unique per call, short enough for IFNAMSIZ with a suffix. */
    public static String linkName() {
        StringBuilder b = new StringBuilder("hst");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }
}
