package org.jvirt.osinfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every osinfo record shares: an id and libosinfo's named properties ({@code short-id}, {@code name},
 * {@code vendor}, {@code volume-id} ...). The typed accessors of each subclass read these; the generic ones
 * serve {@code jvirt-osinfo-query}'s filters and the install-script templates, which see every property under
 * libosinfo's own name.
 */
public abstract sealed class Entity permits Os, Platform, Device, Media, Tree, Image, InstallScript {
    private final String id;
    private final Map<String, List<String>> properties;

    Entity(String id, Map<String, List<String>> properties) {
        this.id = id;
        this.properties = properties;
    }

    /** The entity's id: a URI for OSes, platforms, devices and install scripts; internal for media and trees. */
    public final String id() {
        return id;
    }

    /** The first value of property {@code name} (libosinfo's osinfo_entity_get_param_value). */
    public final Optional<String> property(String name) {
        List<String> v = properties.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Every value of property {@code name}, in file order; empty when unset. */
    public final List<String> properties(String name) {
        return properties.getOrDefault(name, List.of());
    }

    /** The names of the properties that are set, in the order they were read. */
    public final Set<String> propertyNames() {
        return properties.keySet();
    }

    final String value(String name) {
        return property(name).orElse(null);
    }

    /** A boolean property: exactly "true" or "yes" is true, anything else false (libosinfo's str_to_bool). */
    final boolean flag(String name, boolean absent) {
        return property(name).map(v -> v.equals("true") || v.equals("yes")).orElse(absent);
    }

    /** A number property, or {@code absent} when unset or not a number (libosinfo's int64 getters). */
    final long number(String name, long absent) {
        try {
            return property(name).map(String::trim).map(Long::parseLong).orElse(absent);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    final Map<String, List<String>> allProperties() {
        return properties;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
