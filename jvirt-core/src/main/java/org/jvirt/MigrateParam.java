package org.jvirt;

import java.util.Map;
import java.util.Optional;

/**
 * The typed parameters of libvirt's extensible migration API ({@code VIR_MIGRATE_PARAM_*}): each with its key and
 * its value type, as {@link Domain#migrate(Connect, Map, org.jvirt.flags.DomainMigrateFlag...)} takes them in its
 * map. STRING values are {@code String}s, INT values {@code Integer}s, ULLONG values {@code Long}s; a parameter
 * that may be given more than once (migrate_disks, compression) takes a {@code List<String>}.
 */
public enum MigrateParam {
    URI("migrate_uri", Type.STRING, false),
    DEST_NAME("destination_name", Type.STRING, false),
    DEST_XML("destination_xml", Type.STRING, false),
    PERSIST_XML("persistent_xml", Type.STRING, false),
    /** MiB/s. */
    BANDWIDTH("bandwidth", Type.ULLONG, false),
    BANDWIDTH_POSTCOPY("bandwidth.postcopy", Type.ULLONG, false),
    GRAPHICS_URI("graphics_uri", Type.STRING, false),
    LISTEN_ADDRESS("listen_address", Type.STRING, false),
    MIGRATE_DISKS("migrate_disks", Type.STRING, true),
    DISKS_PORT("disks_port", Type.INT, false),
    DISKS_URI("disks_uri", Type.STRING, false),
    COMPRESSION("compression", Type.STRING, true),
    COMPRESSION_MT_LEVEL("compression.mt.level", Type.INT, false),
    COMPRESSION_MT_THREADS("compression.mt.threads", Type.INT, false),
    COMPRESSION_MT_DTHREADS("compression.mt.dthreads", Type.INT, false),
    COMPRESSION_XBZRLE_CACHE("compression.xbzrle.cache", Type.ULLONG, false),
    AUTO_CONVERGE_INITIAL("auto_converge.initial", Type.INT, false),
    AUTO_CONVERGE_INCREMENT("auto_converge.increment", Type.INT, false),
    PARALLEL_CONNECTIONS("parallel.connections", Type.INT, false),
    TLS_DESTINATION("tls.destination", Type.STRING, false);

    /** libvirt's virTypedParameterType of a parameter, as far as migration uses them. */
    public enum Type { STRING, INT, ULLONG }

    private final String key;
    private final Type type;
    private final boolean multiple;

    MigrateParam(String key, Type type, boolean multiple) {
        this.key = key;
        this.type = type;
        this.multiple = multiple;
    }

    /** The key in the parameter map, libvirt's VIR_MIGRATE_PARAM_* string. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** Whether the parameter may be given more than once (a list in the map). */
    public boolean multiple() {
        return multiple;
    }

    /** The parameter with this key, if libvirt 9.0 has one. */
    public static Optional<MigrateParam> byKey(String key) {
        for (MigrateParam p : values()) {
            if (p.key.equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A string parameter's value from a map, or null. */
    public String string(Map<String, Object> params) {
        Object v = params.get(key);
        return v == null ? null : v.toString();
    }

    /** A numeric parameter's value from a map, or {@code dflt}. */
    public long number(Map<String, Object> params, long dflt) {
        Object v = params.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG,
                "invalid type for parameter '%s': expected a number", key);
    }
}
