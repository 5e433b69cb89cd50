package org.jvirt.driver.qemu.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.value.Uuids;

/**
 * The domains of one driver state and their persistent files: {@code NAME.xml} per defined domain in the config
 * directory, an {@code autostart/NAME.xml} link per autostarted one (as libvirt lays them out), and managed-save
 * images in {@code save/}. The list is guarded by this object; each domain guards itself.
 */
public final class DomainStore {

    private final Path configDir;
    private final Path autostartDir;
    private final Path saveDir;
    private final Map<UUID, DomainObj> domains = new LinkedHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    public DomainStore(Path stateDir) {
        this.configDir = stateDir.resolve("domains");
        this.autostartDir = configDir.resolve("autostart");
        this.saveDir = stateDir.resolve("save");
    }

    /** Reads every persistent definition; a file that does not parse is skipped (and reported), not fatal. */
    public void loadConfigs() {
        if (!Files.isDirectory(configDir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(configDir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p)).sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot read directory '%s': %s",
                    configDir, e.getMessage());
        }
        for (Path f : files) {
            try {
                DomainXml def = DomainXml.parse(Files.readString(f));
                if (def.uuid() == null) {
                    def.uuid(Uuids.generate());
                }
                DomainObj d = new DomainObj(def, true);
                d.autostart(Files.exists(autostartLink(def.name())));
                synchronized (this) {
                    domains.putIfAbsent(d.uuid(), d);
                }
            } catch (IOException | RuntimeException e) {
                System.getLogger(DomainStore.class.getName()).log(System.Logger.Level.WARNING,
                        "skipping unreadable domain config " + f + ": " + e.getMessage());
            }
        }
    }

    public synchronized List<DomainObj> all() {
        return List.copyOf(domains.values());
    }

    public synchronized DomainObj byUuid(UUID uuid) {
        return domains.get(uuid);
    }

    public synchronized DomainObj byName(String name) {
        for (DomainObj d : domains.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    public synchronized DomainObj byId(int id) {
        for (DomainObj d : domains.values()) {
            DomainRun r = d.run();
            if (r != null && r.id() == id) {
                return d;
            }
        }
        return null;
    }

    /** The domain a reference names, or libvirt's "no domain with matching uuid". */
    public DomainObj get(DomainRef ref) {
        DomainObj d = byUuid(ref.uuid());
        if (d == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN,
                    "no domain with matching uuid '%s' (%s)", ref.uuid(), ref.name());
        }
        return d;
    }

    /**
     * libvirt's virDomainObjListAdd checks: a name and a UUID must both point at the same domain. Returns the
     * existing domain with this UUID, or null when the definition is new.
     */
    public synchronized DomainObj checkUnique(DomainXml def) {
        DomainObj same = domains.get(def.uuid());
        if (same != null) {
            if (!same.name().equals(def.name())) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "domain '%s' is already defined with uuid %s", same.name(), same.uuid());
            }
            return same;
        }
        DomainObj named = byName(def.name());
        if (named != null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "domain '%s' already exists with uuid %s", def.name(), named.uuid());
        }
        return null;
    }

    public synchronized void add(DomainObj d) {
        domains.put(d.uuid(), d);
    }

    public synchronized void remove(DomainObj d) {
        if (domains.get(d.uuid()) == d) {
            domains.remove(d.uuid());
        }
        d.removed(true);
    }

    public int nextId() {
        return nextId.getAndIncrement();
    }

    /** After taking back running guests: new ids start above theirs. */
    public void idSeen(int id) {
        nextId.accumulateAndGet(id + 1, Math::max);
    }

    // ---- files ------------------------------------------------------------------------------------------------

    public Path configFile(String name) {
        return configDir.resolve(name + ".xml");
    }

    public void writeConfig(DomainXml def) {
        AtomicFiles.write(configFile(def.name()), def.toXml());
    }

    public void deleteConfig(String name) {
        AtomicFiles.delete(configFile(name));
        AtomicFiles.delete(autostartLink(name));
    }

    private Path autostartLink(String name) {
        return autostartDir.resolve(name + ".xml");
    }

    public void setAutostart(String name, boolean on) {
        Path link = autostartLink(name);
        try {
            if (on) {
                Files.createDirectories(autostartDir);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, link.getParent().relativize(configFile(name)));
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Failed to %s autostart link '%s': %s", on ? "create" : "delete", link, e.getMessage());
        }
    }

    public Path managedSavePath(String name) {
        return saveDir.resolve(name + ".save");
    }

    public boolean hasManagedSave(String name) {
        return Files.isRegularFile(managedSavePath(name));
    }
}
