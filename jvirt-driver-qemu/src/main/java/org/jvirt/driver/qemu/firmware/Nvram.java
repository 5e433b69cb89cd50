package org.jvirt.driver.qemu.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.OsXml;

/** A guest's UEFI variable store: created from its template before QEMU opens it, removed on undefine. */
public final class Nvram {

    private Nvram() {
    }

    /**
     * libvirt's qemuPrepareNVRAM: a store that does not exist yet (or is to be reset) is copied from the
     * template, atomically and readable by its owner only, so a failed copy never leaves half a store.
     */
    public static void prepare(DomainXml live, boolean reset) {
        OsXml os = live.os();
        if (os.nvram() == null || !"pflash".equals(os.loaderType())) {
            return;
        }
        Path store = Path.of(os.nvram().strip());
        if (Files.exists(store) && !reset) {
            return;
        }
        String template = os.nvramTemplate();
        if (template == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "unable to find any master var store for loader: %s", os.loader());
        }
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of(template));
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "Failed to open file '%s': %s",
                    template, e.getMessage());
        }
        AtomicFiles.write(store, content);
    }

    /**
     * The variable store a persistent definition uses: the one it names, or the one firmware autoselection (or
     * an old-style read-only pflash loader) gives it; null when it has none.
     */
    static Path storeOf(DomainXml def, Path nvramDir) {
        OsXml os = def.os();
        if (os.nvram() != null) {
            return Path.of(os.nvram().strip());
        }
        if ("efi".equals(os.firmware()) || ("pflash".equals(os.loaderType())
                && Boolean.TRUE.equals(os.loaderReadonly()) && !Boolean.TRUE.equals(os.loaderStateless()))) {
            return FirmwareSelector.nvramPath(nvramDir, def.name());
        }
        return null;
    }

    /**
     * {@code --reset-nvram} (VIR_DOMAIN_START_RESET_NVRAM): the store is dropped before the start, which then
     * copies it afresh from the firmware's template, as libvirt's qemuPrepareNVRAM does with reset set.
     */
    public static void reset(DomainXml def, Path nvramDir) {
        Path store = storeOf(def, nvramDir);
        if (store != null) {
            AtomicFiles.delete(store);
        }
    }

    /**
     * The store an undefine concerns (the one named, or the one firmware autoselection would give it), and what
     * libvirt's qemuDomainUndefineFlags does with it: removed with {@code --nvram}, kept with
     * {@code --keep-nvram}, otherwise the undefine is refused.
     */
    public static void undefine(DomainXml def, Path nvramDir, Set<DomainUndefineFlag> flags) {
        Path store = storeOf(def, nvramDir);
        if (store == null || !Files.exists(store)) {
            return;
        }
        if (flags.contains(DomainUndefineFlag.NVRAM)) {
            try {
                Files.delete(store);
            } catch (IOException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "failed to remove nvram: %s",
                        store);
            }
        } else if (!flags.contains(DomainUndefineFlag.KEEP_NVRAM)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "cannot undefine domain with nvram");
        }
    }
}
