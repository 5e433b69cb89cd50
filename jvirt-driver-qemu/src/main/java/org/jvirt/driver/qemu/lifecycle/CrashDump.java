package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;

/**
 * on_crash=coredump-destroy|coredump-restart (doCoreDumpToAutoDumpPath): the crashed guest's memory is written
 * as an ELF core (QMP dump-guest-memory, memory only) to {@code STATE_DIR/dump/NAME-YYYY-MM-DD-HH:MM:SS} before
 * the action goes on. A dump that fails is logged; the guest is destroyed or restarted all the same, as libvirt's
 * does.
 */
final class CrashDump {

    /** How long a dump may take: it writes the whole guest RAM. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static final System.Logger LOG = System.getLogger(CrashDump.class.getName());

    private CrashDump() {
    }

    /** The file the dump goes to; null when none was written. */
    static Path write(DriverContext ctx, DomainObj dom, DomainRun run) {
        Path dir = ctx.stateDir().resolve("dump");
        Path file = dir.resolve(dom.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss", Locale.ROOT)));
        try {
            Files.createDirectories(dir);
            run.process().monitor().execute("dump-guest-memory", JsonNodeFactory.instance.objectNode()
                    .put("paging", false).put("protocol", "file:" + file).put("format", "elf"), TIMEOUT);
            LOG.log(System.Logger.Level.INFO, "dumped crashed guest " + dom.name() + " to " + file);
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Dump failed: " + dom.name() + ": " + e.getMessage());
            return null;
        }
    }
}
