package org.jvirt.daemon.life;

import java.util.logging.Logger;

import sun.misc.Signal;

/**
 * SIGHUP, SIGTERM and SIGINT through {@code sun.misc.Signal} (module jdk.unsupported, the usual way to trap
 * signals in Java). SIGTERM is taken from the JVM, whose own handler would exit with status 143 while the drain
 * runs in a shutdown hook; the daemon drains, then main returns and the process exits 0, as libvirtd does.
 */
public final class Signals {

    private static final Logger LOG = Logger.getLogger(Signals.class.getName());

    private Signals() {
    }

    /** Runs {@code stop} on its own thread at the first SIGTERM or SIGINT; later ones are ignored. */
    public static void onTerminate(Runnable stop) {
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    if (once.compareAndSet(false, true)) {
                        Thread.ofPlatform().name("jvirtd-sig" + name.toLowerCase()).start(stop);
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "cannot trap SIG" + name + ": " + e.getMessage());
            }
        }
    }

    /** Runs {@code reload} on its own thread for every SIGHUP, one at a time. */
    public static void onHangup(Runnable reload) {
        Object lock = new Object();
        try {
            Signal.handle(new Signal("HUP"), sig -> Thread.ofPlatform().name("jvirtd-sighup").start(() -> {
                synchronized (lock) {
                    reload.run();
                }
            }));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "cannot trap SIGHUP: " + e.getMessage());
        }
    }
}
