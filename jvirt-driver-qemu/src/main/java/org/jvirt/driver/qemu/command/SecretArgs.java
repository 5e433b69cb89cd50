package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.driver.qemu.secret.DiskSecret;
import org.jvirt.driver.qemu.secret.LuksEncryption;
import org.jvirt.driver.qemu.secret.SecretFiles;
import org.jvirt.xml.domain.DiskXml;

/**
 * A disk's secrets on the command line, as libvirt 9.0 wires them (qemuBuildDiskSourceCommandLine): a
 * {@code secret} object per {@link DiskSecret} (a network login named after the protocol node, a LUKS
 * passphrase after the format node). The protocol node names its login in {@link DiskProps}; the format node
 * unlocks itself with the passphrase: a raw disk
 * becomes the {@code luks} driver with {@code key-secret}, a qcow2 disk gets {@code encrypt.format=luks,
 * encrypt.key-secret}. Unlike libvirt, which puts the value AES-encrypted with a per-guest master key on the
 * command line, the object reads the value from a 0600 file ({@link SecretFiles}) that is removed once QEMU has
 * started: the command line carries only the file's path.
 */
public final class SecretArgs {

    private SecretArgs() {
    }

    /** The secret objects of disk {@code d} with alias {@code alias}. */
    public static List<DiskSecret> of(DiskXml d, String alias) {
        return DiskSecret.of(d, DiskProps.storageNode(alias), DiskProps.formatNode(alias));
    }

    /** The {@code -object secret} of each secret disk {@code d} (alias {@code alias}) needs. */
    static void add(BuildContext ctx, DiskXml d, String alias) {
        for (DiskSecret s : of(d, alias)) {
            ctx.arg("-object", QemuOpts.of("secret").add("id", s.objectId()).add("format", "raw")
                    .add("file", SecretFiles.file(ctx.layout.runDir(), s.objectId()).toString()).toString());
        }
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
