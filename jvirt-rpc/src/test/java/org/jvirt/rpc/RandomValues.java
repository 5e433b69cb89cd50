package org.jvirt.rpc;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.jvirt.rpc.proto.remote.CommonTypes.RemoteError;
import org.jvirt.rpc.proto.remote.NodeTypes.RemoteNodeGetInfoRet;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;
import org.jvirt.rpc.xdr.XdrStruct;

/** Builds random instances of the generated wire records by reflection (tests only). */
public final class RandomValues {

    private final Random rnd;

    public RandomValues(long seed) {
        this.rnd = new Random(seed);
    }

    /** Every generated record: those the procedures name, what they contain, and their holder-class siblings. */
    public static List<Class<?>> allRecordTypes() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        List<Class<?>> todo = new ArrayList<>();
        List<Procedure<?, ?>> procedures = new ArrayList<>(ProcedureTable.standard().all());
        procedures.addAll(ProcedureTable.admin().all());
        for (Procedure<?, ?> p : procedures) {
            todo.add(p.args().javaType());
            todo.add(p.ret().javaType());
        }
        todo.add(RemoteError.class);
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(todo.size() - 1);
            if (!c.isRecord() || !XdrStruct.class.isAssignableFrom(c) || !seen.add(c)) {
                continue;
            }
            if (c.getDeclaringClass() != null) {
                todo.addAll(Arrays.asList(c.getDeclaringClass().getDeclaredClasses()));
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                Type t = rc.getGenericType();
                if (t instanceof ParameterizedType pt) {
                    t = pt.getActualTypeArguments()[0];
                }
                if (t instanceof Class<?> k) {
                    todo.add(k);
                }
            }
        }
        return new ArrayList<>(seen);
    }

    public Object instance(Class<?> type) {
        return value(type, null);
    }

    /** A record instance with the given component forced to null. */
    public Object instanceWithNull(Class<?> type, int component) {
        RecordComponent[] rcs = type.getRecordComponents();
        Object[] args = new Object[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            args[i] = i == component ? null : value(rcs[i].getGenericType(), rcs[i].getName() + "@" + type.getName());
        }
        return construct(type, args);
    }

    private Object value(Type t, String where) {
        if (t instanceof ParameterizedType pt) {
            int n = rnd.nextInt(4);
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(value(pt.getActualTypeArguments()[0], null));
            }
            return l;
        }
        Class<?> c = (Class<?>) t;
        if (c == int.class || c == Integer.class) {
            return rnd.nextInt();
        } else if (c == long.class || c == Long.class) {
            return rnd.nextLong();
        } else if (c == double.class || c == Double.class) {
            return rnd.nextDouble() * 1e6 - 5e5;
        } else if (c == boolean.class || c == Boolean.class) {
            return rnd.nextBoolean();
        } else if (c == String.class) {
            return string();
        } else if (c == UUID.class) {
            return new UUID(rnd.nextLong(), rnd.nextLong());
        } else if (c == byte[].class) {
            // the one fixed-size char array of the protocol: remote_node_get_info_ret.model is char[32]
            int n = ("model@" + RemoteNodeGetInfoRet.class.getName()).equals(where) ? 32 : rnd.nextInt(17);
            byte[] b = new byte[n];
            rnd.nextBytes(b);
            return b;
        } else if (c == RemoteTypedParamValue.class) {
            return switch (rnd.nextInt(7)) {
                case 0 -> new RemoteTypedParamValue.IntValue(rnd.nextInt());
                case 1 -> new RemoteTypedParamValue.UintValue(rnd.nextInt());
                case 2 -> new RemoteTypedParamValue.LlongValue(rnd.nextLong());
                case 3 -> new RemoteTypedParamValue.UllongValue(rnd.nextLong());
                case 4 -> new RemoteTypedParamValue.DoubleValue(rnd.nextDouble());
                case 5 -> new RemoteTypedParamValue.BooleanValue(rnd.nextBoolean());
                default -> new RemoteTypedParamValue.StringValue(string());
            };
        } else if (c.isRecord()) {
            RecordComponent[] rcs = c.getRecordComponents();
            Object[] args = new Object[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                args[i] = value(rcs[i].getGenericType(), rcs[i].getName() + "@" + c.getName());
            }
            return construct(c, args);
        }
        throw new IllegalArgumentException("no generator for " + t);
    }

    private String string() {
        int n = rnd.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            sb.appendCodePoint(kind < 7 ? 'a' + rnd.nextInt(26) : kind < 9 ? 0xe0 + rnd.nextInt(0x60)
                    : 0x1f600 + rnd.nextInt(0x40));
        }
        return sb.toString();
    }

    private static Object construct(Class<?> c, Object[] args) {
        try {
            Class<?>[] types = Arrays.stream(c.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<?> k = c.getDeclaredConstructor(types);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(c.getName(), e);
        }
    }
}
