package org.jvirt.driver.host.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.driver.host.PrivateFiles;
import org.jvirt.xml.secret.SecretXml;

/**
 * The secrets of one scope and their files (libvirt's virSecretObjList and its persistence): {@code UUID.xml}
 * holds a persistent secret's definition, {@code UUID.secret} its sealed value; an ephemeral secret lives only
 * here. libvirt 9.0's clear-text {@code UUID.base64} is read when there is no sealed file (a directory copied from
 * libvirt keeps working) and replaced by a sealed one at the next write. Every change is all or nothing: a failed
 * write leaves the table and the files as they were.
 */
final class SecretStore {

    private static final System.Logger LOG = System.getLogger(SecretStore.class.getName());

    /** A secret and its value (null when none was set). */
    static final class Entry {
        SecretDef def;
        byte[] value;

        Entry(SecretDef def) {
            this.def = def;
        }
    }

    private final Path dir;
    private final SecretValueCipher cipher;
    private final Map<UUID, Entry> secrets = new LinkedHashMap<>();

    private SecretStore(Path dir, Path keyFile) {
        this.dir = dir;
        this.cipher = new SecretValueCipher(keyFile);
    }

    /** The store of {@code dir}, with every readable secret loaded; a broken file is logged and skipped. */
    static SecretStore open(Path dir, Path keyFile) {
        SecretStore s = new SecretStore(dir, keyFile);
        PrivateFiles.ensureDir(dir, ErrorDomain.SECRET);
        s.loadAll();
        return s;
    }

    private void loadAll() {
        List<Path> files;
        try (Stream<Path> st = Files.list(dir)) {
            files = st.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "Error reading secrets in " + dir + ": " + e.getMessage());
            return;
        }
        for (Path f : files) {
            try {
                load(f);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Error reading secret: " + e.getMessage());
            }
        }
    }

    private void load(Path xmlFile) {
        String xml;
        try {
            xml = Files.readString(xmlFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read '" + xmlFile + "': " + e.getMessage());
        }
        SecretXml parsed = SecretXml.parse(xml);
        if (parsed.uuid() == null || !xmlFile.getFileName().toString().equals(parsed.uuid() + ".xml")) {
            throw new IllegalStateException("<uuid> does not match secret file name '" + xmlFile.getFileName() + "'");
        }
        SecretDef def = SecretDef.of(parsed, null);
        if (def.ephemeral()) {
            throw new IllegalStateException("ephemeral secret '" + def.uuid() + "' found on disk");
        }
        checkAdd(def);
        Entry e = new Entry(def);
        e.value = loadValue(def.uuid());
        secrets.put(def.uuid(), e);
    }

    private byte[] loadValue(UUID uuid) {
        Path sealed = sealedFile(uuid);
        Path legacy = legacyFile(uuid);
        try {
            if (Files.exists(sealed)) {
                return cipher.open(uuid, Files.readAllBytes(sealed));
            }
            if (Files.exists(legacy)) {
                byte[] b64 = Files.readAllBytes(legacy);
                try {
                    return Base64.getDecoder().decode(new String(b64, StandardCharsets.US_ASCII).strip());
                } finally {
                    Arrays.fill(b64, (byte) 0);
                }
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read value of secret '" + uuid + "': " + e.getMessage());
        }
    }

    Path configFile(UUID uuid) {
        return dir.resolve(uuid + ".xml");
    }

    Path sealedFile(UUID uuid) {
        return dir.resolve(uuid + ".secret");
    }

    private Path legacyFile(UUID uuid) {
        return dir.resolve(uuid + ".base64");
    }

    synchronized List<SecretDef> list() {
        return secrets.values().stream().map(e -> e.def).toList();
    }

    synchronized Optional<SecretDef> find(UUID uuid) {
        return Optional.ofNullable(secrets.get(uuid)).map(e -> e.def);
    }

    /** libvirt's virSecretObjSearchUsage: type "none" never matches. */
    synchronized Optional<SecretDef> findByUsage(SecretUsageType type, String usageId) {
        if (type == SecretUsageType.NONE) {
            return Optional.empty();
        }
        return secrets.values().stream().map(e -> e.def)
                .filter(d -> d.usageType() == type && Objects.equals(d.usageId(), usageId)).findFirst();
    }

    /** A UUID no secret has (virSecretDefParse generates one with virUUIDGenerate, retrying on a clash). */
    synchronized UUID freshUuid() {
        UUID u;
        do {
            u = UUID.randomUUID();
        } while (secrets.containsKey(u));
        return u;
    }

    /** virSecretObjListAdd's checks: the old definition a redefinition replaces, or null for a new secret. */
    private SecretDef checkAdd(SecretDef def) {
        Entry old = secrets.get(def.uuid());
        if (old != null) {
            if (!Objects.equals(old.def.usageId(), def.usageId())) {
                throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.INTERNAL_ERROR,
                        "a secret with UUID %s is already defined for use with %s", def.uuid(), old.def.usageId());
            }
            if (old.def.isPrivate() && !def.isPrivate()) {
                throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.INTERNAL_ERROR,
                        "cannot change private flag on existing secret");
            }
            return old.def;
        }
        Optional<SecretDef> clash = findByUsage(def.usageType(), def.usageId());
        if (clash.isPresent()) {
            throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.INTERNAL_ERROR,
                    "a secret with UUID %s already defined for use with %s", clash.get().uuid(), def.usageId());
        }
        return null;
    }

    /**
     * Defines or redefines (secretDefineXML): a persistent secret's XML is written, a secret turning persistent
     * gets its value written, one turning ephemeral loses its files; on a failed write nothing changes.
     */
    synchronized SecretDef define(SecretDef def) {
        SecretDef backup = checkAdd(def);
        Entry e = secrets.get(def.uuid());
        boolean wasNew = e == null;
        if (!def.ephemeral()) {
            boolean valueWritten = false;
            try {
                if (backup != null && backup.ephemeral() && e.value != null) {
                    writeValue(def.uuid(), e.value);
                    valueWritten = true;
                }
                PrivateFiles.write(configFile(def.uuid()), def.toXml().getBytes(StandardCharsets.UTF_8),
                        ErrorDomain.SECRET);
            } catch (RuntimeException ex) {
                if (valueWritten) {
                    deleteValueQuietly(def.uuid());
                }
                throw ex;
            }
        } else if (backup != null && !backup.ephemeral()) {
            PrivateFiles.delete(configFile(def.uuid()), ErrorDomain.SECRET);
            deleteValueQuietly(def.uuid());
        }
        if (wasNew) {
            e = new Entry(def);
            secrets.put(def.uuid(), e);
        } else {
            e.def = def;
        }
        return def;
    }

    /** virSecretObjSetValue (null when the secret is gone): the old value is kept when the new one cannot be written. */
    synchronized SecretDef setValue(UUID uuid, byte[] value) {
        Entry e = secrets.get(uuid);
        if (e == null) {
            return null;
        }
        if (!e.def.ephemeral()) {
            writeValue(uuid, value);
        }
        if (e.value != null) {
            Arrays.fill(e.value, (byte) 0);
        }
        e.value = value.clone();
        return e.def;
    }

    /** A copy of the value, or null when none was set. */
    synchronized byte[] value(UUID uuid) {
        Entry e = secrets.get(uuid);
        return e == null || e.value == null ? null : e.value.clone();
    }

    /** secretUndefine (null when the secret is gone): the definition file goes first, so a failure to remove the value cannot resurrect it. */
    synchronized SecretDef undefine(UUID uuid) {
        Entry e = secrets.get(uuid);
        if (e == null) {
            return null;
        }
        if (!e.def.ephemeral()) {
            PrivateFiles.delete(configFile(uuid), ErrorDomain.SECRET);
        }
        deleteValueQuietly(uuid);
        secrets.remove(uuid);
        if (e.value != null) {
            Arrays.fill(e.value, (byte) 0);
        }
        return e.def;
    }

    private void writeValue(UUID uuid, byte[] value) {
        PrivateFiles.write(sealedFile(uuid), cipher.seal(uuid, value), ErrorDomain.SECRET);
        deleteValueQuietly(legacyFile(uuid));
    }

    private void deleteValueQuietly(UUID uuid) {
        deleteValueQuietly(sealedFile(uuid));
        deleteValueQuietly(legacyFile(uuid));
    }

    private static void deleteValueQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // as virSecretObjDeleteData: the definition is gone, so the value is never loaded again
            LOG.log(System.Logger.Level.WARNING, "cannot remove " + p + ": " + e.getMessage());
        }
    }
}
