package org.jvirt.driver.qemu.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

class KvmSupportTest {

    @TempDir
    Path dir;

    private KvmSupport detect(String flags, Map<String, String> env) throws Exception {
        Path kvm = Files.createFile(dir.resolve("kvm" + System.nanoTime()));
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu vme " + flags + " sse2\n\n");
        return KvmSupport.detect(kvm, cpuinfo, env);
    }

    @Test
    void kvmNeedsVmxOrSvm() throws Exception {
        KvmSupport none = detect("pni", Map.of());
        assertFalse(none.usable());
        assertTrue(none.reason().contains("no vmx or svm"), none.reason());
        assertTrue(detect("vmx ept", Map.of()).usable());
        assertTrue(detect("svm npt", Map.of()).usable());
    }

    @Test
    void envOverridesBothWays() throws Exception {
        assertTrue(detect("pni", Map.of(KvmSupport.ENV_OVERRIDE, "kvm")).usable());
        KvmSupport off = detect("vmx", Map.of(KvmSupport.ENV_OVERRIDE, "tcg"));
        assertFalse(off.usable());
        assertTrue(off.reason().contains("JVIRT_QEMU_ACCEL=tcg"));
    }

    @Test
    void missingDeviceIsSaid() {
        KvmSupport s = KvmSupport.detect(dir.resolve("nope"), dir.resolve("cpuinfo"), Map.of());
        assertFalse(s.usable());
        assertTrue(s.reason().contains("does not exist"));
    }

    @Test
    void askingForKvmWhereItIsNotOfferedSaysWhy() {
        KvmSupport s = new KvmSupport(false, "because reasons");
        VirtException e = assertThrows(VirtException.class, () -> s.accelFor("kvm", "/usr/bin/qemu-system-x86_64"));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertTrue(e.getMessage().contains("because reasons"), e.getMessage());
        assertEquals(Accel.TCG, s.accelFor("qemu", "x"));
    }
}
