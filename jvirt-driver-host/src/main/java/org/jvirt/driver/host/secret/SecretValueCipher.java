package org.jvirt.driver.host.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.PrivateFiles;

/**
 * Seals secret values for the disk with a per-host AES-256 key (AES-GCM, a fresh 96-bit nonce per write, the
 * secret's UUID as associated data so a sealed file moved to another secret's name does not open).
 *
 * <p>libvirt 9.0 stores values base64-encoded in the clear, protected only by mode 0600; libvirt 11 added sealing
 * with a host key. We seal because the definitions live under the configuration directory, which backups and
 * configuration management copy: the key lives apart, under the state directory, so a copy of the configuration
 * alone does not reveal a value. It does not protect against root on the running host, who can read the key.
 * Format: version byte 1, 12-byte nonce, ciphertext with its 16-byte tag.
 */
final class SecretValueCipher {

    private static final int VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private SecretKey key;

    SecretValueCipher(Path keyFile) {
        this.keyFile = keyFile;
    }

    synchronized byte[] seal(UUID uuid, byte[] value) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(uuid.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] ct = c.doFinal(value);
            return ByteBuffer.allocate(1 + NONCE + ct.length).put((byte) VERSION).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.INTERNAL_ERROR, "cannot encrypt secret value: %s",
                    e.getMessage());
        }
    }

    /** The value, or an exception naming the file's problem (no key, wrong key, damaged file). */
    synchronized byte[] open(UUID uuid, byte[] sealed) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed secret value");
        }
        SecretKey k = key(false);
        if (k == null) {
            throw new IllegalArgumentException("the host key " + keyFile + " is missing");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            c.updateAAD(uuid.toString().getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the value does not open with the host key", e);
        }
    }

    /** The key, read once; created (0600) on the first seal when there is none. */
    private SecretKey key(boolean create) {
        if (key != null) {
            return key;
        }
        try {
            if (Files.exists(keyFile)) {
                byte[] raw = Files.readAllBytes(keyFile);
                if (raw.length != KEY_BYTES) {
                    throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.INTERNAL_ERROR,
                            "secret encryption key '%s' has %d bytes, expected %d", keyFile, raw.length, KEY_BYTES);
                }
                key = new SecretKeySpec(raw, "AES");
                Arrays.fill(raw, (byte) 0);
            } else if (create) {
                byte[] raw = new byte[KEY_BYTES];
                random.nextBytes(raw);
                PrivateFiles.write(keyFile, raw, ErrorDomain.SECRET);
                key = new SecretKeySpec(raw, "AES");
                Arrays.fill(raw, (byte) 0);
            }
            return key;
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.SYSTEM_ERROR, "cannot read '%s': %s", keyFile,
                    e.getMessage());
        }
    }
}
