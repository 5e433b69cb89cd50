package org.jvirt;

import java.util.Objects;

/**
 * One of libvirt's typed parameters ({@code virTypedParameter}): a field name, its type, and a value of that type
 * (INT and UINT as Integer, LLONG and ULLONG as Long — the unsigned ones keep their bits —, DOUBLE as Double,
 * BOOLEAN as Boolean, STRING as String). The type travels with the value because libvirt's drivers check it
 * ("invalid type 'int' for parameter 'weight', expected 'uint'") and virsh prints by it.
 */
public record TypedParameter(String field, Type type, Object value) {

    /** libvirt's virTypedParameterType, same numbers, and the names its messages use. */
    public enum Type {
        INT(1, "int", Integer.class),
        UINT(2, "uint", Integer.class),
        LLONG(3, "llong", Long.class),
        ULLONG(4, "ullong", Long.class),
        DOUBLE(5, "double", Double.class),
        BOOLEAN(6, "boolean", Boolean.class),
        STRING(7, "string", String.class);

        private final int code;
        private final String label;
        private final Class<?> javaType;

        Type(int code, String label, Class<?> javaType) {
            this.code = code;
            this.label = label;
            this.javaType = javaType;
        }

        public int code() {
            return code;
        }

        /** The name libvirt's messages give the type (virTypedParameterTypeToString). */
        public String label() {
            return label;
        }

        public static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "unexpected parameter type %d", code);
        }
    }

    /** libvirt's longest field name (VIR_TYPED_PARAM_FIELD_LENGTH 80, with its terminating NUL). */
    public static final int FIELD_LENGTH = 80;

    public TypedParameter {
        Objects.requireNonNull(field);
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        if (!type.javaType.isInstance(value)) {
            throw new IllegalArgumentException(field + ": a " + type.label + " needs a " + type.javaType.getSimpleName()
                    + ", not " + value.getClass().getSimpleName());
        }
    }

    public static TypedParameter ofInt(String field, int v) {
        return new TypedParameter(field, Type.INT, v);
    }

    public static TypedParameter ofUint(String field, int v) {
        return new TypedParameter(field, Type.UINT, v);
    }

    public static TypedParameter ofLlong(String field, long v) {
        return new TypedParameter(field, Type.LLONG, v);
    }

    public static TypedParameter ofUllong(String field, long v) {
        return new TypedParameter(field, Type.ULLONG, v);
    }

    public static TypedParameter ofDouble(String field, double v) {
        return new TypedParameter(field, Type.DOUBLE, v);
    }

    public static TypedParameter ofBoolean(String field, boolean v) {
        return new TypedParameter(field, Type.BOOLEAN, v);
    }

    public static TypedParameter ofString(String field, String v) {
        return new TypedParameter(field, Type.STRING, v);
    }

    /** A numeric value as a long; UINT without sign extension (ULLONG keeps its bits: read it unsigned). */
    public long longValue() {
        return switch (type) {
            case UINT -> Integer.toUnsignedLong((Integer) value);
            case INT -> (Integer) value;
            case LLONG, ULLONG -> (Long) value;
            case DOUBLE -> ((Double) value).longValue();
            case BOOLEAN -> (Boolean) value ? 1 : 0;
            case STRING -> throw new IllegalStateException(field + " is a string");
        };
    }

    /** The value as virsh prints it (vshGetTypedParamValue): unsigned types unsigned, booleans yes/no. */
    public String display() {
        return switch (type) {
            case INT -> Integer.toString((Integer) value);
            case UINT -> Integer.toUnsignedString((Integer) value);
            case LLONG -> Long.toString((Long) value);
            case ULLONG -> Long.toUnsignedString((Long) value);
            case DOUBLE -> String.format("%f", (Double) value);
            case BOOLEAN -> (Boolean) value ? "yes" : "no";
            case STRING -> (String) value;
        };
    }
}
