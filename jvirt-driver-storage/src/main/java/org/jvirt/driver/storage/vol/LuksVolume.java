package org.jvirt.driver.storage.vol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Secret;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.backend.Backend;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.pool.PoolType;
import org.jvirt.spi.Elevation;
import org.jvirt.spi.HostScope;
import org.jvirt.xml.Dom;
import org.jvirt.xml.storage.StorageVolumeXml;
import org.w3c.dom.Element;

/**
 * A LUKS-encrypted volume ({@code <target><encryption format='luks'><secret type='passphrase' uuid=.../>}),
 * created as libvirt's storage_util.c does: the passphrase fetched from the scope's secret driver through the
 * public API, elevated (storageBackendCreateQemuImgSecretPath with virIdentityElevateCurrent), written to a 0600
 * file that {@code qemu-img create --object secret,id=NAME_encrypt0,file=...} reads, removed afterwards; raw
 * becomes qemu-img's {@code luks} format, qcow2 gets {@code encrypt.format=luks}. A volume without encryption goes
 * to its backend unchanged.
 */
public final class LuksVolume {

    private static final Set<PoolType> FILE_POOLS = Set.of(PoolType.DIR, PoolType.FS, PoolType.NETFS);

    private LuksVolume() {
    }

    private static VirtException error(ErrorNumber n, String format, Object... args) {
        return VirtException.of(ErrorDomain.STORAGE, n, format, args);
    }

    /** Builds {@code vol} (defined by {@code xml}) at {@code path}: encrypted here, anything else by {@code b}. */
    public static void build(HostScope scope, String xml, PoolDef pool, VolDef vol, String path, Volume input,
            boolean preallocMetadata, Backend b) {
        if (!vol.encrypted()) {
            b.buildVol(pool, vol, path, input, preallocMetadata);
            return;
        }
        if (!FILE_POOLS.contains(pool.type())) {
            throw error(ErrorNumber.CONFIG_UNSUPPORTED, "storage pool does not support encrypted volumes");
        }
        if (input != null) {
            throw error(ErrorNumber.NO_SUPPORT, "cloning into an encrypted volume is not supported");
        }
        Element enc = Dom.child(Dom.child(StorageVolumeXml.parse(xml).element(), "target"), "encryption");
        if (!"raw".equals(vol.format()) && !"qcow2".equals(vol.format())) {
            throw error(ErrorNumber.CONFIG_UNSUPPORTED, "volume encryption unsupported with format %s", vol.format());
        }
        if (!"luks".equals(Dom.attribute(enc, "format"))) {
            throw error(ErrorNumber.CONFIG_UNSUPPORTED, "unsupported volume encryption format %s",
                    Dom.attribute(enc, "format"));
        }
        List<Element> secrets = Dom.children(enc, "secret");
        if (secrets.isEmpty()) {
            throw error(ErrorNumber.XML_ERROR, "no secret provided for luks encryption");
        }
        if (secrets.size() > 1) {
            throw error(ErrorNumber.XML_ERROR, "too many secrets for luks encryption");
        }
        Path target = Path.of(path);
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw error(ErrorNumber.OPERATION_INVALID, "volume target path '%s' already exists", path);
        }
        Path secretFile = writeSecret(scope, pool, vol, secrets.get(0));
        try {
            VolDef plain = new VolDef(vol.name(), vol.capacity(), vol.allocation(), vol.hasAllocation(), vol.format(),
                    vol.perms(), vol.compat(), vol.clusterSize(), vol.features(), vol.nocow(), vol.backingPath(),
                    vol.backingFormat(), false);
            QemuImg.run(argv(QemuImg.createArgv(plain, path, null, null, preallocMetadata, pool.target()), vol,
                    secretFile));
            FileVolumes.applyPerms(target, vol.perms());
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // the first error is the one reported
            }
            if (e instanceof VirtException v) {
                throw v;
            }
            throw error(ErrorNumber.SYSTEM_ERROR, "Failed to create file '%s': %s", path, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(secretFile);
            } catch (IOException ignored) {
                // a 0600 file in a 0700 directory of the driver
            }
        }
    }

    /**
     * The plain create argv made an encrypted one: {@code -f luks} for raw, the secret object after the format,
     * the encryption options first in {@code -o}.
     */
    static List<String> argv(List<String> plain, VolDef vol, Path secretFile) {
        String alias = vol.name() + "_encrypt0";
        boolean raw = "raw".equals(vol.format());
        List<String> out = new ArrayList<>(plain);
        int f = out.indexOf("-f");
        if (raw) {
            out.set(f + 1, "luks");
        }
        out.addAll(f + 2, List.of("--object", "secret,id=" + alias + ",file=" + secretFile.toString()
                .replace(",", ",,")));
        String encOpts = (raw ? "" : "encrypt.format=luks,encrypt.") + "key-secret=" + alias;
        int o = out.indexOf("-o");
        if (o >= 0) {
            out.set(o + 1, encOpts + "," + out.get(o + 1));
        } else {
            out.addAll(f + 4, List.of("-o", encOpts));
        }
        return out;
    }

    private static Path writeSecret(HostScope scope, PoolDef pool, VolDef vol, Element secret) {
        String uuid = Dom.attribute(secret, "uuid");
        String usage = Dom.attribute(secret, "usage");
        if (!"passphrase".equals(Dom.attribute(secret, "type")) || (uuid == null) == (usage == null)) {
            throw error(ErrorNumber.INVALID_ARG,
                    "A single <secret type='passphrase'...> element is expected in encryption description");
        }
        byte[] value;
        try (Connect c = Connect.open(scope.uri("secret"))) {
            Secret s;
            if (uuid != null) {
                try {
                    s = c.secretLookupByUUID(UUID.fromString(uuid));
                } catch (IllegalArgumentException e) {
                    throw error(ErrorNumber.XML_ERROR, "malformed secret uuid '%s'", uuid);
                }
            } else {
                s = c.secretLookupByUsage(SecretUsageType.VOLUME, usage);
            }
            value = Elevation.call(s::getValue);
        }
        Path dir = scope.runDir().resolve("storage-secrets");
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = Files.createTempFile(dir, pool.name() + "." + vol.name() + ".", ".secret",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(value);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            return file;
        } catch (IOException e) {
            throw error(ErrorNumber.SYSTEM_ERROR, "failed to write secret file: %s", e.getMessage());
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }
}
