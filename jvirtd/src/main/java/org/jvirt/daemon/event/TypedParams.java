package org.jvirt.daemon.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;

/**
 * The API's typed-parameter maps (Java values) to libvirt's typed parameters. Integers become INT, longs ULLONG
 * (the counters and sizes events carry are unsigned), booleans BOOLEAN, doubles DOUBLE, anything else STRING.
 */
public final class TypedParams {

    private TypedParams() {
    }

    public static List<RemoteTypedParam> toWire(Map<String, Object> params) {
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
}
