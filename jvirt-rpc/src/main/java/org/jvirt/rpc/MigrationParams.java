package org.jvirt.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.MigrateParam;
import org.jvirt.VirtException;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;

/**
 * Migration parameters between the API's map and libvirt's typed parameters, for both ends of the wire: each
 * known parameter with its libvirt type (bandwidth is ULLONG, disks_port INT ...), a list value as the parameter
 * repeated, as libvirt sends migrate_disks; and back, a repeated parameter becoming a list.
 */
public final class MigrationParams {

    private MigrationParams() {
    }

    /** The API's parameter map as libvirt's typed parameters, each known key with its libvirt type. */
    public static List<RemoteTypedParam> toWire(Map<String, Object> params) {
        List<RemoteTypedParam> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            MigrateParam p = MigrateParam.byKey(e.getKey()).orElse(null);
            List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
            for (Object v : values) {
                out.add(new RemoteTypedParam(e.getKey(), value(p, e.getKey(), v)));
            }
        }
        return out;
    }

    private static RemoteTypedParamValue value(MigrateParam p, String key, Object v) {
        MigrateParam.Type t = p != null ? p.type() : v instanceof Integer ? MigrateParam.Type.INT
                : v instanceof Long ? MigrateParam.Type.ULLONG : MigrateParam.Type.STRING;
        return switch (t) {
            case STRING -> new RemoteTypedParamValue.StringValue(String.valueOf(v));
            case INT -> new RemoteTypedParamValue.IntValue(number(key, v).intValue());
            case ULLONG -> new RemoteTypedParamValue.UllongValue(number(key, v).longValue());
        };
    }

    private static Number number(String key, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                "invalid type for parameter '%s': expected a number", key);
    }

    /** libvirt's typed parameters as the API's map: a repeated parameter becomes a list. */
    public static Map<String, Object> fromWire(List<RemoteTypedParam> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RemoteTypedParam p : params) {
            Object v = TypedParams.value(p.value());
            Object old = out.get(p.field());
            if (old == null) {
                out.put(p.field(), v);
            } else if (old instanceof List<?> l) {
                List<Object> more = new ArrayList<>(l);
                more.add(v);
                out.put(p.field(), List.copyOf(more));
            } else {
                out.put(p.field(), List.of(old, v));
            }
        }
        return out;
    }
}
