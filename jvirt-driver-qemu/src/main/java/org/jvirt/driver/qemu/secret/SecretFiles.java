package org.jvirt.driver.qemu.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * The files QEMU reads secrets from at start ({@code -object secret,format=raw,file=...}): one per secret object
 * of a disk ({@link DiskSecret}: a login or a LUKS passphrase), {@code RUNDIR/secrets/ID}, created 0600 in a 0700 directory before QEMU runs and removed once QEMU has started
 * (it read them while creating its objects). The values come from the scope's secret driver through the public
 * API, elevated (a private secret's value is readable only so), and are wiped from memory after writing.
 */
public final class SecretFiles {

    private static final String DIR = "secrets";

    private SecretFiles() {
    }

    /** Where QEMU finds the value of secret object {@code id} of a guest whose run directory is {@code runDir}. */
    public static Path file(Path runDir, String id) {
        return runDir.resolve(DIR).resolve(id);
    }

    /**
     * Writes the value of every secret of every disk; {@code secrets} gives a disk's secret objects (the command
     * builder has set the aliases the node names come from). Fails with the secret driver's error (no such
     * secret, no value).
     */
    public static void write(DomainXml live, Path runDir, String secretUri,
            Function<DiskXml, List<DiskSecret>> secrets) {
        List<DiskSecret> all = live.devices().disks().stream().flatMap(d -> secrets.apply(d).stream())
                .toList();
        if (all.isEmpty()) {
            return; // no secret connection opened
        }
        try (Connect c = Connect.open(secretUri)) {
            for (DiskSecret s : all) {
                byte[] value = s.secret().value(c);
                try {
                    writePrivate(file(runDir, s.objectId()), value);
                } finally {
                    Arrays.fill(value, (byte) 0);
                }
            }
        }
    }

    /**
     * Writes secret {@code id}'s value for a helper of the guest (not QEMU: swtpm), in the same private place;
     * the caller removes it once the helper has read it.
     */
    public static Path writeFor(Path runDir, String id, byte[] value) {
        Path f = file(runDir, id);
        writePrivate(f, value);
        return f;
    }

    private static void writePrivate(Path file, byte[] value) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(value);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot write secret file '%s': %s",
                    file, e.getMessage());
        }
    }

    /** Removes the secret files of a run directory (QEMU has read them); nothing there is fine. */
    public static void remove(Path runDir) {
        Path dir = runDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot remove secret files in '%s': %s",
                    dir, e.getMessage());
        }
    }
}
