package org.jvirt.driver.qemu.command;

import org.jvirt.driver.qemu.secret.LuksEncryption;
import org.jvirt.driver.qemu.secret.SecretFiles;
import org.jvirt.xml.domain.DiskXml;

/**
 * A LUKS-encrypted disk's secret on the command line, as libvirt 9.0 wires it (qemuBuildDiskSourceCommandLine):
 * a {@code secret} object named after the format node, and the format node unlocking itself with it: a raw disk
 * becomes the {@code luks} driver with {@code key-secret}, a qcow2 disk gets {@code encrypt.format=luks,
 * encrypt.key-secret}. Unlike libvirt, which puts the value AES-encrypted with a per-guest master key on the
 * command line, the object reads the value from a 0600 file ({@link SecretFiles}) that is removed once QEMU has
 * started: the command line carries only the file's path.
 */
final class SecretArgs {

    private SecretArgs() {
    }

    /** The {@code -object secret} of disk {@code d} (alias {@code alias}), if it is encrypted. */
    static void add(BuildContext ctx, DiskXml d, String alias) {
        LuksEncryption.of(d).ifPresent(enc -> {
            String id = LuksEncryption.objectId(DiskProps.formatNode(alias));
            ctx.arg("-object", QemuOpts.of("secret").add("id", id).add("format", "raw")
                    .add("file", SecretFiles.file(ctx.layout.runDir(), id).toString()).toString());
        });
    }

    /** Makes format node {@code fmt} of disk {@code d} open the image with its LUKS secret. */
    static void encrypt(DiskXml d, String alias, Props fmt) {
        if (LuksEncryption.of(d).isEmpty()) {
            return;
        }
        String id = LuksEncryption.objectId(DiskProps.formatNode(alias));
        switch (String.valueOf(fmt.get("driver"))) {
            case "raw" -> fmt.put("driver", "luks").put("key-secret", id);
            case "qcow2" -> fmt.put("encrypt", Props.of().put("format", "luks").put("key-secret", id));
            default -> throw BuildContext.unsupported("encryption format 'luks' is not supported for a '%s' disk",
                    fmt.get("driver"));
        }
    }
}
