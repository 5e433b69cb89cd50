package org.jvirt.driver.qemu.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties of one QEMU object (a block node, a device), built once and written two ways: as a
 * command-line value ({@code key=value,...}, nested keys dotted, values comma-escaped, booleans on/off) and as
 * the JSON arguments of a QMP command ({@code blockdev-add}, {@code device_add}). So a cold-started and a
 * hot-plugged device cannot differ, as libvirt's qemuBuild*Props serve both of its paths. Values are strings,
 * numbers, booleans, nested Props or lists of Props; a null value is left out.
 */
public final class Props {

    private final Map<String, Object> values = new LinkedHashMap<>();

    public static Props of() {
        return new Props();
    }

    public Props put(String key, Object value) {
        if (value != null) {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof Props || value instanceof List<?>)) {
                throw new IllegalArgumentException(key + ": " + value.getClass());
            }
            values.put(key, value);
        }
        return this;
    }

    public Object get(String key) {
        return values.get(key);
    }

    /** The properties in order (read-only). */
    java.util.Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The command-line form with the first value bare: QEMU's implied key ({@code virtio-blk-pci,id=...}). */
    public String toImpliedOpts() {
        String full = toOpts();
        int eq = full.indexOf('=');
        return eq < 0 ? full : full.substring(eq + 1);
    }

    /** The command-line form; the first property's key is written too (QEMU's -blockdev/-device take it). */
    public String toOpts() {
        List<String> parts = new ArrayList<>();
        flatten("", this, parts);
        return String.join(",", parts);
    }

    private static void flatten(String prefix, Props p, List<String> out) {
        for (Map.Entry<String, Object> e : p.values.entrySet()) {
            String key = prefix + e.getKey();
            switch (e.getValue()) {
                case Props nested -> flatten(key + ".", nested, out);
                case List<?> list -> {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof Props item) {
                            flatten(key + "." + i + ".", item, out);
                        } else {
                            out.add(key + "." + i + "=" + QemuOpts.escape(String.valueOf(list.get(i))));
                        }
                    }
                }
                case Boolean b -> out.add(key + "=" + (b ? "on" : "off"));
                default -> out.add(key + "=" + QemuOpts.escape(String.valueOf(e.getValue())));
            }
        }
    }

    /** The QMP form. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            switch (e.getValue()) {
                case Props nested -> o.set(e.getKey(), nested.toJson());
                case List<?> list -> {
                    ArrayNode a = o.putArray(e.getKey());
                    list.forEach(x -> {
                        if (x instanceof Props item) {
                            a.add(item.toJson());
                        } else {
                            a.add(String.valueOf(x));
                        }
                    });
                }
                case Boolean b -> o.put(e.getKey(), b);
                case Integer i -> o.put(e.getKey(), i);
                case Long l -> o.put(e.getKey(), l);
                default -> o.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return o;
    }
}
