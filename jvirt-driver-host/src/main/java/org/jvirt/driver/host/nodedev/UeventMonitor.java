package org.jvirt.driver.host.nodedev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Kernel uevents without a udev daemon. Java 21 has no netlink sockets (NIO knows no AF_NETLINK, and the FFM API
 * is a preview there, so it cannot be used in a Java 21 release build); polling sysfs would miss short-lived
 * devices and cost a full scan per tick. So a child {@code udevadm monitor --kernel --property} (systemd's
 * udevadm, present wherever libvirt's udev backend is) listens on the kernel's uevent netlink group — it needs
 * no udevd for that — and prints each event as a block of KEY=VALUE lines, which this class reads.
 */
final class UeventMonitor implements AutoCloseable {

    /** One kernel uevent: ACTION, DEVPATH (under /sys), DEVPATH_OLD for a move, and the rest. */
    record Uevent(String action, String devpath, String devpathOld, Map<String, String> props) {
    }

    static final Path UDEVADM = findUdevadm();

    private static final System.Logger LOG = System.getLogger(UeventMonitor.class.getName());

    private final Process process;
    private final Thread reader;
    /** Stops the child when the JVM ends without closing us (a daemon's SIGTERM): no udevadm outlives us. */
    private final Thread reaper;
    private volatile boolean closing;

    private UeventMonitor(Process process, Consumer<Uevent> sink, CountDownLatch ready) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("jvirt-uevent-monitor").start(() -> read(sink, ready));
        this.reaper = new Thread(process::destroy, "jvirt-uevent-monitor-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    private static Path findUdevadm() {
        for (String p : List.of("/usr/bin/udevadm", "/bin/udevadm", "/sbin/udevadm", "/usr/sbin/udevadm")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** A running monitor, or null (logged) when udevadm is missing or does not start: no events then. */
    static UeventMonitor start(Consumer<Uevent> sink) {
        if (UDEVADM == null) {
            LOG.log(System.Logger.Level.WARNING, "no udevadm: node device events are not available");
            return null;
        }
        try {
            Process p = new ProcessBuilder(UDEVADM.toString(), "monitor", "--kernel", "--property")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            CountDownLatch ready = new CountDownLatch(1);
            UeventMonitor m = new UeventMonitor(p, sink, ready);
            if (!ready.await(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "udevadm monitor did not start");
            }
            return m;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot start udevadm monitor: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Its banner ends with a blank line once the netlink socket listens; then one block per event. */
    private void read(Consumer<Uevent> sink, CountDownLatch ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            Map<String, String> props = new HashMap<>();
            boolean banner = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (banner) {
                        banner = false;
                        ready.countDown();
                    } else if (props.containsKey("ACTION") && props.containsKey("DEVPATH")) {
                        deliver(sink, props);
                    }
                    props = new HashMap<>();
                    continue;
                }
                int eq = line.indexOf('=');
                if (!banner && eq > 0 && !line.startsWith("KERNEL[")) {
                    props.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // closed: the monitor was stopped
        } finally {
            ready.countDown();
            if (!closing) {
                LOG.log(System.Logger.Level.WARNING, "udevadm monitor exited: node device events stop until the "
                        + "last node device connection closes and a new one opens");
            }
        }
    }

    private static void deliver(Consumer<Uevent> sink, Map<String, String> props) {
        try {
            sink.accept(new Uevent(props.get("ACTION"), props.get("DEVPATH"), props.get("DEVPATH_OLD"), Map.copyOf(props)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "uevent for " + props.get("DEVPATH") + " failed: " + e);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook stops the child
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
