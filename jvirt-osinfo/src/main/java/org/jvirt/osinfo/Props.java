package org.jvirt.osinfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity's property bag while it is being read: libosinfo keeps every entity as named string values, some
 * set once (a later file replaces them), some added (short-ids, variants). Frozen into an {@link Entity}.
 */
final class Props {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /** Replaces the property's values, as osinfo_entity_set_param does; a null value leaves it unchanged. */
    Props set(String name, String value) {
        if (value != null) {
            List<String> one = new ArrayList<>(1);
            one.add(value);
            values.put(name, one);
        }
        return this;
    }

    /** Appends a value, as osinfo_entity_add_param does. */
    Props add(String name, String value) {
        if (value != null) {
            values.computeIfAbsent(name, k -> new ArrayList<>(2)).add(value);
        }
        return this;
    }

    Map<String, List<String>> freeze() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
