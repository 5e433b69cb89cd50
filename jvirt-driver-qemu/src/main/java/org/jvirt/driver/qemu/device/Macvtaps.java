package org.jvirt.driver.qemu.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.command.QemuCommand;

/**
 * {@code <interface type='direct'>}: a macvtap on the source device in the NIC's mode (bridge, vepa, private,
 * passthrough), with the guest's MAC. libvirt opens the macvtap's character device and passes the descriptor to
 * QEMU; a JVM cannot pass descriptors to a child, so QEMU fetches it itself through its tap {@code helper}
 * option (the mechanism of qemu-bridge-helper: the helper sends the descriptor back over a socketpair), which
 * works at start and for {@code netdev_add} alike. The helper is a small script of this driver's, written into a
 * directory only root can read.
 */
public final class Macvtaps {

    private static final Path SYS_NET = Path.of("/sys/class/net");
    private static Path helper;

    private Macvtaps() {
    }

    /** libvirt's mode names to the kernel's. */
    private static String kernelMode(String mode) {
        return switch (mode) {
            case "bridge", "vepa", "private" -> mode;
            case "passthrough" -> "passthru";
            default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "unknown mode '%s' in interface <source> element", mode);
        };
    }

    /** Creates the macvtap of a direct NIC and sets it up; all or nothing. */
    public static void create(QemuCommand.TapDevice t) {
        String mode = kernelMode(t.macvtapMode());
        if (!Files.exists(SYS_NET.resolve(t.linkDev()))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Unable to get index for interface %s: No such device", t.linkDev());
        }
        if (Files.exists(SYS_NET.resolve(t.ifname()))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Unable to create macvtap device %s: File exists", t.ifname());
        }
        Taps.ipCommand("error creating macvtap interface " + t.ifname() + "@" + t.linkDev(), "link", "add", "link",
                t.linkDev(), "name", t.ifname(), "type", "macvtap", "mode", mode);
        try {
            if (t.mac() != null) {
                Taps.ipCommand("Cannot set interface MAC on '" + t.ifname() + "'", "link", "set", "dev",
                        t.ifname(), "address", t.mac());
            }
            Taps.ipCommand("Cannot set interface flags on '" + t.ifname() + "'", "link", "set", "dev", t.ifname(),
                    "up");
        } catch (RuntimeException e) {
            Taps.delete(t.ifname());
            throw e;
        }
    }

    /** Whether a host device is a macvtap (the driver's to delete with its NIC). */
    static boolean isMacvtap(String ifname) {
        return Files.isDirectory(SYS_NET.resolve(ifname).resolve("macvtap"));
    }

    /** The helper QEMU runs to get a macvtap's descriptor (written once per process, 0700 in a 0700 dir). */
    public static synchronized Path helper() {
        if (helper != null && Files.isExecutable(helper)) {
            return helper;
        }
        try (InputStream in = Macvtaps.class.getResourceAsStream("macvtap-helper")) {
            Path dir = Files.createTempDirectory("jvirt-macvtap",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path p = dir.resolve("macvtap-helper");
            Files.write(p, in.readAllBytes());
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            p.toFile().deleteOnExit(); // a running QEMU already holds its descriptor; the next process writes anew
            dir.toFile().deleteOnExit();
            helper = p;
            return p;
        } catch (IOException | NullPointerException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "cannot write the macvtap helper: %s", e.getMessage());
        }
    }
}
