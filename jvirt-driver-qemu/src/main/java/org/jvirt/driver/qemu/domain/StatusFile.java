package org.jvirt.driver.qemu.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * The runtime status of one running domain, one JSON file per domain in the run directory (libvirt keeps an
 * XML "domstatus" there). It is all a later driver needs to take the guest back: which process (pid and its
 * start time, so a recycled pid is not mistaken for it), where its monitor is, its state, and the live XML.
 * Written atomically on every change of state; removed when the domain stops.
 *
 * @param name         the domain's name
 * @param uuid         its UUID
 * @param id           its id
 * @param pid          the qemu process
 * @param pidStartTime /proc/PID/stat's start time of that process
 * @param binary       the emulator that runs it
 * @param monitor      the QMP socket
 * @param runDir       the per-domain runtime directory
 * @param logFile      QEMU's log
 * @param state        libvirt's state number
 * @param reason       libvirt's reason number
 * @param persistent   whether a persistent config exists (else it is transient)
 * @param vncPort      the VNC port, or -1
 * @param gotShutdown  whether QEMU already reported a shutdown
 * @param xml          the live domain XML
 */
public record StatusFile(String name, String uuid, int id, long pid, long pidStartTime, String binary,
        String monitor, String runDir, String logFile, int state, int reason, boolean persistent, int vncPort,
        boolean gotShutdown, String xml) {

    /** Made on the first status file read or written, not with the driver (see QemuJson). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public static Path pathFor(Path runDir, String name) {
        return runDir.resolve(name + ".json");
    }

    public void write(Path dir) {
        try {
            AtomicFiles.write(pathFor(dir, name), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "cannot encode status of %s: %s",
                    name, e.getMessage());
        }
    }

    public static StatusFile read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), StatusFile.class);
    }

    /** The status files in a run directory (temporary files of an interrupted write are not among them). */
    public static List<Path> list(Path runDir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(runDir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
