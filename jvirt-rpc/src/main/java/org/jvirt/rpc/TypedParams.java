package org.jvirt.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.TypedParameter;
import org.jvirt.rpc.proto.admin.AdminTypes.AdminTypedParam;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;

/**
 * Typed parameters between the API and the wire, for both ends (the remote driver and jvirtd): the one place that
 * knows how each {@link TypedParameter.Type} travels as {@code remote_typed_param_value}. Maps without types (bulk
 * stats, events, migration) go through here too, with the types their Java values imply.
 */
public final class TypedParams {

    private TypedParams() {
    }

    public static RemoteTypedParam toWire(TypedParameter p) {
        RemoteTypedParamValue v = switch (p.type()) {
            case INT -> new RemoteTypedParamValue.IntValue((Integer) p.value());
            case UINT -> new RemoteTypedParamValue.UintValue((Integer) p.value());
            case LLONG -> new RemoteTypedParamValue.LlongValue((Long) p.value());
            case ULLONG -> new RemoteTypedParamValue.UllongValue((Long) p.value());
            case DOUBLE -> new RemoteTypedParamValue.DoubleValue((Double) p.value());
            case BOOLEAN -> new RemoteTypedParamValue.BooleanValue((Boolean) p.value());
            case STRING -> new RemoteTypedParamValue.StringValue((String) p.value());
        };
        return new RemoteTypedParam(p.field(), v);
    }

    public static List<RemoteTypedParam> toWire(List<TypedParameter> params) {
        return params.stream().map(TypedParams::toWire).toList();
    }

    public static TypedParameter fromWire(RemoteTypedParam p) {
        return new TypedParameter(p.field(), TypedParameter.Type.of(p.value().type()), value(p.value()));
    }

    public static List<TypedParameter> fromWire(List<RemoteTypedParam> params) {
        return params.stream().map(TypedParams::fromWire).toList();
    }

    /** For the ADMIN program, whose admin_typed_param has remote_typed_param's layout. */
    public static List<AdminTypedParam> toAdminWire(List<TypedParameter> params) {
        return params.stream().map(TypedParams::toWire).map(r -> new AdminTypedParam(r.field(), r.value()))
                .toList();
    }

    public static List<TypedParameter> fromAdminWire(List<AdminTypedParam> params) {
        return params.stream().map(p -> fromWire(new RemoteTypedParam(p.field(), p.value()))).toList();
    }

    /** The Java value of a wire value: INT and UINT as Integer, LLONG and ULLONG as Long, the rest as themselves. */
    public static Object value(RemoteTypedParamValue v) {
        return switch (v) {
            case RemoteTypedParamValue.IntValue i -> i.value();
            case RemoteTypedParamValue.UintValue u -> u.value();
            case RemoteTypedParamValue.LlongValue l -> l.value();
            case RemoteTypedParamValue.UllongValue l -> l.value();
            case RemoteTypedParamValue.DoubleValue d -> d.value();
            case RemoteTypedParamValue.BooleanValue b -> b.value();
            case RemoteTypedParamValue.StringValue s -> s.value();
        };
    }

    /**
     * An untyped map (bulk stats, event details) as typed parameters: Integer as INT, Long as ULLONG (the counters
     * and sizes such maps carry are unsigned), Boolean, Double, and anything else as its string.
     */
    public static List<RemoteTypedParam> mapToWire(Map<String, Object> params) {
        List<RemoteTypedParam> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            RemoteTypedParamValue v = switch (e.getValue()) {
                case Integer i -> new RemoteTypedParamValue.IntValue(i);
                case Long l -> new RemoteTypedParamValue.UllongValue(l);
                case Boolean b -> new RemoteTypedParamValue.BooleanValue(b);
                case Double d -> new RemoteTypedParamValue.DoubleValue(d);
                case null -> new RemoteTypedParamValue.StringValue("");
                default -> new RemoteTypedParamValue.StringValue(String.valueOf(e.getValue()));
            };
            out.add(new RemoteTypedParam(e.getKey(), v));
        }
        return out;
    }

    /** Typed parameters as an untyped map in their order (the last of a repeated field wins). */
    public static Map<String, Object> mapFromWire(List<RemoteTypedParam> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RemoteTypedParam p : params) {
            out.put(p.field(), value(p.value()));
        }
        return out;
    }
}
