package org.jvirt.osinfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtualization platform (a hypervisor release, {@code http://qemu.org/qemu/7.0}) as osinfo-db describes it.
 * Properties: {@code short-id}, {@code name}, {@code version}, {@code vendor}, {@code release-date},
 * {@code eol-date}, {@code codename}.
 */
public final class Platform extends Entity {
    private final List<String> deviceIds;
    private final List<LoadRef> loadRefs;

    Platform(String id, Map<String, List<String>> properties, List<String> deviceIds, List<LoadRef> loadRefs) {
        super(id, properties);
        this.deviceIds = List.copyOf(deviceIds);
        this.loadRefs = List.copyOf(loadRefs);
    }

    List<LoadRef> loadRefs() {
        return loadRefs;
    }

    public List<String> shortIds() {
        return properties("short-id");
    }

    public Optional<String> name() {
        return property("name");
    }

    public Optional<String> version() {
        return property("version");
    }

    public Optional<String> vendor() {
        return property("vendor");
    }

    /** The ids of the devices the platform provides. */
    public List<String> deviceIds() {
        return deviceIds;
    }
}
