package org.jvirt.driver.qemu.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptor lookup and matching as libvirt's qemu_interop_config.c and qemu_firmware.c do it. */
class FirmwareDescriptorsTest {

    private static final Path DEBIAN = Path.of("src/test/resources/firmware");

    @Test
    void laterDirectoriesOverrideAndEmptyFilesMask(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("40-edk2-x86_64-secure-enrolled.json"), ""); // masked
        Files.writeString(etc.resolve("10-mine.json"), """
                {"interface-types": ["bios"], "mapping": {"device": "memory", "filename": "/opt/bios.bin"},
                 "targets": [{"architecture": "x86_64", "machines": ["pc-i440fx-*"]}], "features": []}""");
        List<FirmwareDescriptor> fws = new FirmwareDescriptors(List.of(DEBIAN, etc)).load();
        assertEquals(List.of("10-mine.json", "50-edk2-x86_64-secure.json", "60-edk2-x86_64.json"),
                fws.stream().map(f -> f.path().getFileName().toString()).toList());
        assertEquals("memory", fws.get(0).device());
        assertEquals("/opt/bios.bin", fws.get(0).executable());
        FirmwareDescriptor secure = fws.get(1);
        assertEquals("split", secure.mode());
        assertEquals("/usr/share/OVMF/OVMF_VARS_4M.fd", secure.nvramTemplate());
        assertTrue(secure.has("requires-smm") && secure.has("secure-boot") && !secure.has("enrolled-keys"));
    }

    @Test
    void machinesAreGlobs() {
        FirmwareDescriptor plain = FirmwareDescriptor.read(DEBIAN.resolve("60-edk2-x86_64.json"));
        assertTrue(plain.runs("x86_64", "pc-q35-7.2"));
        assertTrue(plain.runs("x86_64", "pc-i440fx-7.2"));
        assertFalse(plain.runs("x86_64", "q35"), "aliases are canonicalized before matching");
        assertFalse(plain.runs("aarch64", "pc-q35-7.2"));
        assertFalse(FirmwareDescriptor.read(DEBIAN.resolve("50-edk2-x86_64-secure.json")).runs("x86_64",
                "pc-i440fx-7.2"));
        assertTrue(FirmwareDescriptor.Target.globMatches("pc-q35-?.?", "pc-q35-7.2"));
        assertFalse(FirmwareDescriptor.Target.globMatches("pc.q35", "pcxq35"), "only * and ? are special");
    }
}
