package org.jvirt.driver.storage.vol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The qemu-img argv of a LUKS volume as libvirt's storage_util.c builds it: the secret object after the format,
 * the encryption options first in -o, raw turned into qemu-img's luks format. (The volume itself is created, and
 * opened by a real guest, in jvirt-driver-host's LuksDiskGuestTest, which has the secret driver.)
 */
class LuksVolumeArgvTest {

    private static VolDef vol(String name, String format) {
        return new VolDef(name, 8L << 20, 0, false, format, null, null, 0, null, false, null, null, true);
    }

    @Test
    void qcow2GetsEncryptOptionsBeforeItsCompatLevel() {
        List<String> argv = LuksVolume.argv(List.of("qemu-img", "create", "-f", "qcow2", "-o", "compat=0.10",
                "/p/a.qcow2", "8192K"), vol("a.qcow2", "qcow2"), Path.of("/run/s,1.secret"));
        assertEquals(List.of("qemu-img", "create", "-f", "qcow2", "--object",
                "secret,id=a.qcow2_encrypt0,file=/run/s,,1.secret", "-o",
                "encrypt.format=luks,encrypt.key-secret=a.qcow2_encrypt0,compat=0.10", "/p/a.qcow2", "8192K"), argv);
    }

    @Test
    void rawBecomesLuksWithAKeySecretOption() {
        List<String> argv = LuksVolume.argv(List.of("qemu-img", "create", "-f", "raw", "/p/b.img", "8192K"),
                vol("b.img", "raw"), Path.of("/run/s"));
        assertEquals(List.of("qemu-img", "create", "-f", "luks", "--object", "secret,id=b.img_encrypt0,file=/run/s",
                "-o", "key-secret=b.img_encrypt0", "/p/b.img", "8192K"), argv);
    }
}
