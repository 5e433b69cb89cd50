package org.jvirt.driver.host.secret;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.driver.host.EventFanout;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.SecretEventType;
import org.jvirt.flags.ListSecretsFlag;
import org.jvirt.flags.SecretDefineFlag;
import org.jvirt.spi.Elevation;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.SecretDriver;
import org.jvirt.spi.SecretRef;
import org.jvirt.xml.SchemaValidator;
import org.jvirt.xml.secret.SecretXml;

/**
 * libvirt's secret driver entry points (secret_driver.c) over one scope's {@link SecretStore}: its error codes and
 * wording, lifecycle and value-changed events to every connection of the scope, and a private secret's value
 * refused to every caller that is not a driver acting for itself ({@link Elevation}). Values are never logged and
 * never part of an exception message.
 */
public final class HostSecrets implements SecretDriver {

    private final HostScope scope;
    private final EventFanout events;
    private SecretStore loaded;

    private HostSecrets(HostScope scope, EventFanout events) {
        this.scope = scope;
        this.events = events;
    }

    /**
     * The secrets of {@code scope}: definitions under configDir/secrets, the sealing key under stateDir/secrets,
     * read at the first secret call (a hypervisor connection that never uses secrets touches no file).
     */
    public static HostSecrets open(HostScope scope, EventFanout events) {
        return new HostSecrets(scope, events);
    }

    /** The store, loaded once; a failure to load is reported to the caller and retried at the next call. */
    private synchronized SecretStore store() {
        if (loaded == null) {
            loaded = SecretStore.open(scope.configDir().resolve("secrets"),
                    scope.stateDir().resolve("secrets").resolve("secrets-encryption-key"));
        }
        return loaded;
    }

    /** Where a secret's files are, for tests that check modes and sealing. */
    public Path configFile(UUID uuid) {
        return store().configFile(uuid);
    }

    public Path valueFile(UUID uuid) {
        return store().sealedFile(uuid);
    }

    private SecretDef byUuid(UUID uuid) {
        return store().find(uuid).orElseThrow(() -> noSuchUuid(uuid));
    }

    private static VirtException noSuchUuid(UUID uuid) {
        return VirtException.of(ErrorDomain.SECRET, ErrorNumber.NO_SECRET, "no secret with matching uuid '%s'", uuid);
    }

    @Override
    public List<SecretRef> listAllSecrets(Set<ListSecretsFlag> flags) {
        Predicate<SecretDef> match = d -> group(flags, ListSecretsFlag.EPHEMERAL, ListSecretsFlag.NO_EPHEMERAL,
                d.ephemeral()) && group(flags, ListSecretsFlag.PRIVATE, ListSecretsFlag.NO_PRIVATE, d.isPrivate());
        return store().list().stream().filter(match).map(SecretDef::ref).toList();
    }

    /** virSecretObjMatch: a group with neither flag set passes everything; else one set flag must hold. */
    private static boolean group(Set<ListSecretsFlag> flags, ListSecretsFlag yes, ListSecretsFlag no, boolean v) {
        boolean y = flags.contains(yes);
        boolean n = flags.contains(no);
        return !y && !n || y && v || n && !v;
    }

    @Override
    public int numOfSecrets() {
        return store().list().size();
    }

    @Override
    public List<String> listSecrets() {
        return store().list().stream().map(d -> d.uuid().toString()).toList();
    }

    @Override
    public SecretRef lookupByUUID(UUID uuid) {
        return byUuid(uuid).ref();
    }

    @Override
    public SecretRef lookupByUsage(SecretUsageType usageType, String usageId) {
        return store().findByUsage(usageType, usageId).map(SecretDef::ref).orElseThrow(() -> VirtException.of(
                ErrorDomain.SECRET, ErrorNumber.NO_SECRET, "no secret with matching usage '%s'", usageId));
    }

    @Override
    public SecretRef defineXML(String xml, Set<SecretDefineFlag> flags) {
        if (flags.contains(SecretDefineFlag.VALIDATE)) {
            new SchemaValidator(SchemaValidator.DEFAULT_DIRECTORY).validate(xml, "secret.rng");
        }
        SecretDef def = store().define(SecretDef.of(SecretXml.parse(xml), store().freshUuid()));
        events.secretEvent(def.ref(), new SecretEvent.Lifecycle(SecretEventType.DEFINED, 0));
        return def.ref();
    }

    @Override
    public String getXMLDesc(SecretRef secret) {
        return byUuid(secret.uuid()).toXml();
    }

    @Override
    public void setValue(SecretRef secret, byte[] value) {
        SecretDef def = store().setValue(secret.uuid(), value);
        if (def == null) {
            throw noSuchUuid(secret.uuid());
        }
        events.secretEvent(def.ref(), new SecretEvent.ValueChanged());
    }

    @Override
    public byte[] getValue(SecretRef secret) {
        SecretDef def = byUuid(secret.uuid());
        if (def.isPrivate() && !Elevation.isCurrent()) {
            throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.INVALID_SECRET, "secret is private");
        }
        byte[] v = store().value(def.uuid());
        if (v == null) {
            throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.NO_SECRET, "secret '%s' does not have a value",
                    def.uuid());
        }
        return v;
    }

    @Override
    public void undefine(SecretRef secret) {
        SecretDef def = store().undefine(secret.uuid());
        if (def == null) {
            throw noSuchUuid(secret.uuid());
        }
        events.secretEvent(def.ref(), new SecretEvent.Lifecycle(SecretEventType.UNDEFINED, 0));
    }
}
