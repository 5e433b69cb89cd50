package org.jvirt.driver.qemu.caps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.driver.qemu.process.Children;

/**
 * Asks a binary what it can do: starts it with no machine ({@code -machine none}, which needs no guest RAM and
 * starts in milliseconds), QMP on its stdin/stdout, runs the queries, quits.
 */
public final class QemuCapsProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private QemuCapsProbe() {
    }

    public static QemuCaps probe(Path binary) {
        long t0 = System.nanoTime();
        Path abs = binary.toAbsolutePath();
        String target = QemuBinaries.targetOf(abs);
        String arch = target == null ? null : QemuBinaries.archOfTarget(target);
        if (arch == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "cannot tell the target architecture of '%s'", abs);
        }
        BasicFileAttributes attrs = attributes(abs);
        Process p;
        try {
            p = new ProcessBuilder(abs.toString(), "-S", "-no-user-config", "-nodefaults", "-nographic",
                    "-machine", "none,accel=tcg", "-qmp", "stdio").start();
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "cannot execute binary %s: %s", abs, e.getMessage());
        }
        Children.killOnExit(p);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), stderr));
        try (QmpMonitor qmp = QmpMonitor.open("probe-" + target, p.getInputStream(), p.getOutputStream(),
                () -> { }, TIMEOUT)) {
            JsonNode version = qmp.execute("query-version", null, TIMEOUT);
            JsonNode kvm = qmp.execute("query-kvm", null, TIMEOUT);
            List<QemuCaps.Machine> machines = new ArrayList<>();
            for (JsonNode m : qmp.execute("query-machines", null, TIMEOUT)) {
                if (m.path("name").asText().equals("none")) {
                    continue; // not a machine a domain can use
                }
                machines.add(new QemuCaps.Machine(m.path("name").asText(), textOrNull(m, "alias"),
                        m.path("is-default").asBoolean(false), m.path("cpu-max").asInt(1),
                        m.path("deprecated").asBoolean(false)));
            }
            machines.sort(java.util.Comparator.comparing(QemuCaps.Machine::name));
            List<QemuCaps.CpuModel> cpus = new ArrayList<>();
            try {
                for (JsonNode c : qmp.execute("query-cpu-definitions", null, TIMEOUT)) {
                    JsonNode unavailable = c.path("unavailable-features");
                    cpus.add(new QemuCaps.CpuModel(c.path("name").asText(), textOrNull(c, "typename"),
                            !unavailable.isArray() || unavailable.isEmpty(), c.path("deprecated").asBoolean(false)));
                }
            } catch (org.jvirt.driver.qemu.monitor.QmpCommandException e) {
                // some targets have no CPU model list: leave it empty
            }
            cpus.sort(java.util.Comparator.comparing(QemuCaps.CpuModel::name));
            ObjectNode args = QemuJson.mapper().createObjectNode().put("implements", "device").put("abstract", false);
            Set<String> devices = new HashSet<>();
            for (JsonNode t : qmp.execute("qom-list-types", args, TIMEOUT)) {
                devices.add(t.path("name").asText());
            }
            try {
                qmp.execute("quit", null, Duration.ofSeconds(5));
            } catch (VirtException e) {
                // QEMU may close stdout before the reply: the exit below is what counts
            }
            JsonNode q = version.path("qemu");
            return new QemuCaps(abs.toString(), attrs.lastModifiedTime().toMillis(), attrs.size(),
                    QemuCaps.FORMAT_VERSION, target, arch, q.path("major").asInt(), q.path("minor").asInt(),
                    q.path("micro").asInt(), version.path("package").asText("").strip(),
                    kvm.path("present").asBoolean(false), machines, cpus, devices,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (VirtException e) {
            p.destroyForcibly();
            waitQuietly(p, drain);
            String err = stderr.toString(StandardCharsets.UTF_8).strip();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "failed to probe capabilities of %s: %s%s", abs, e.getMessage(),
                    err.isEmpty() ? "" : " (" + err + ")");
        } finally {
            if (!waitQuietly(p, drain)) {
                p.destroyForcibly();
                waitQuietly(p, drain);
            }
        }
    }

    static BasicFileAttributes attributes(Path binary) {
        try {
            return Files.readAttributes(binary, BasicFileAttributes.class);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Cannot check QEMU binary %s: %s", binary, e.getMessage());
        }
    }

    private static boolean waitQuietly(Process p, Thread drain) {
        try {
            boolean done = p.waitFor(5, TimeUnit.SECONDS);
            if (done) {
                drain.join(1000);
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process is gone; what we have is enough for an error message
        }
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
