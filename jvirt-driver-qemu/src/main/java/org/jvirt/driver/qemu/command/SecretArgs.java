package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
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

    /**
     * The secret objects of disk {@code d} with alias {@code alias}: its login, its LUKS passphrase and, when it
     * goes over {@code tls} with an encrypted key, the key's passphrase.
     */
    public static List<DiskSecret> of(DiskXml d, String alias, NbdTls tls) {
        String storage = DiskProps.storageNode(alias);
        List<DiskSecret> out = new ArrayList<>(DiskSecret.of(d, storage, DiskProps.formatNode(alias)));
        if (tls.secretUuid() != null && tls.on(d)) {
            out.add(DiskSecret.tls(NbdTls.keySecretId(NbdTls.objectId(storage)), tls.secretUuid()));
        }
        return out;
    }

    /** Every secret object id a disk with alias {@code alias} may have (for clean-up). */
    public static List<String> possibleIds(String alias) {
        List<String> ids = new ArrayList<>(DiskSecret.possibleIds(DiskProps.storageNode(alias),
                DiskProps.formatNode(alias)));
        ids.add(NbdTls.keySecretId(NbdTls.objectId(DiskProps.storageNode(alias))));
        return ids;
    }

    /**
     * The {@code -object secret} of each secret disk {@code d} (alias {@code alias}) needs, then its TLS
     * credentials object when it uses TLS (which names its key's secret, so comes after it).
     */
    static void add(BuildContext ctx, DiskXml d, String alias) {
        NbdTls tls = ctx.options.nbdTls();
        for (DiskSecret s : of(d, alias, tls)) {
            ctx.arg("-object", QemuOpts.of("secret").add("id", s.objectId()).add("format", "raw")
                    .add("file", SecretFiles.file(ctx.layout.runDir(), s.objectId()).toString()).toString());
        }
        if (tls.on(d)) {
            ctx.arg("-object", tls.credentials(DiskProps.storageNode(alias)).toImpliedOpts());
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
