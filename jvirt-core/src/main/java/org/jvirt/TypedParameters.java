package org.jvirt;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jvirt.conf.StrToLong;

/**
 * The checks and look-ups libvirt's drivers make on typed-parameter lists (virtypedparam.c): one place, used by
 * every driver, with libvirt's words.
 */
public final class TypedParameters {

    private TypedParameters() {
    }

    /**
     * virTypedParamsValidate: every field known with the right type, none given twice (except the fields in
     * {@code multiple}). {@code allowed} maps field → type in libvirt's order.
     */
    public static void validate(List<TypedParameter> params, Map<String, TypedParameter.Type> allowed,
                                String... multiple) {
        Set<String> seen = new HashSet<>();
        Set<String> many = Set.of(multiple);
        for (TypedParameter p : params) {
            if (p.field().length() >= TypedParameter.FIELD_LENGTH) {
                throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INTERNAL_ERROR, "Field name '%s' too long",
                        p.field());
            }
            TypedParameter.Type want = allowed.get(p.field());
            if (want == null) {
                throw VirtException.of(ErrorDomain.NONE, ErrorNumber.ARGUMENT_UNSUPPORTED,
                        "parameter '%s' not supported", p.field());
            }
            if (!seen.add(p.field()) && !many.contains(p.field())) {
                throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "parameter '%s' occurs multiple times",
                        p.field());
            }
            if (p.type() != want) {
                throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG,
                        "invalid type '%s' for parameter '%s', expected '%s'", p.type().label(), p.field(),
                        want.label());
            }
        }
    }

    /** Field → type pairs, in order, for {@link #validate}. */
    public static Map<String, TypedParameter.Type> fields(Object... fieldTypePairs) {
        Map<String, TypedParameter.Type> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldTypePairs.length; i += 2) {
            m.put((String) fieldTypePairs[i], (TypedParameter.Type) fieldTypePairs[i + 1]);
        }
        return m;
    }

    /**
     * virTypedParamsAddFromString: the parameter of that type from its text, with libvirt's error when the text
     * is not a value of the type ("Invalid value for field 'weight': expected unsigned int").
     */
    public static TypedParameter fromString(String field, TypedParameter.Type type, String text) {
        Object v = switch (type) {
            case INT -> StrToLong.toInt(text);
            case UINT -> {
                Long l = StrToLong.toUInt(text);
                yield l == null ? null : (int) (long) l;
            }
            case LLONG -> StrToLong.toLongLong(text);
            case ULLONG -> StrToLong.toULongLong(text);
            case DOUBLE -> {
                try {
                    yield Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equals("1") ? Boolean.TRUE
                    : text.equalsIgnoreCase("false") || text.equals("0") ? Boolean.FALSE : null;
            case STRING -> text;
        };
        if (v == null) {
            if (type == TypedParameter.Type.BOOLEAN) {
                throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "Invalid boolean value for field '%s'",
                        field);
            }
            String expected = switch (type) {
                case UINT -> "unsigned int";
                case LLONG -> "long long";
                case ULLONG -> "unsigned long long";
                default -> type.label();
            };
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "Invalid value for field '%s': expected %s",
                    field, expected);
        }
        return new TypedParameter(field, type, v);
    }

    /** The first parameter named {@code field} (virTypedParamsGet). */
    public static Optional<TypedParameter> get(List<TypedParameter> params, String field) {
        return params.stream().filter(p -> p.field().equals(field)).findFirst();
    }
}
