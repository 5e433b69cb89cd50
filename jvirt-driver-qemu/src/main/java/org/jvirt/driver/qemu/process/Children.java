package org.jvirt.driver.qemu.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child processes that must not outlive this JVM. A shutdown hook kills whatever is still registered, so a
 * test run that dies halfway leaves no qemu behind.
 */
public final class Children {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ProcessHandle p : LIVE) {
                p.destroyForcibly();
            }
        }, "jvirt-qemu-children-reaper"));
    }

    private Children() {
    }

    /** Registers a child until it exits. */
    public static void killOnExit(Process p) {
        ProcessHandle h = p.toHandle();
        LIVE.add(h);
        p.onExit().thenRun(() -> LIVE.remove(h));
    }
}
