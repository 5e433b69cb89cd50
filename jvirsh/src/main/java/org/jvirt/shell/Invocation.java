package org.jvirt.shell;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed command: its definition and the options given, in order. The accessors follow virsh's
 * vshCommandOpt* functions, including their error messages; an accessor that reports an error throws
 * {@link Failed}.
 */
public final class Invocation {

    /** One given option; {@code value} is null for a bool. */
    record Arg(Opt opt, String value) {
    }

    final Command def;
    final List<Arg> args;
    private final Shell sh;

    Invocation(Shell sh, Command def, List<Arg> args) {
        this.sh = sh;
        this.def = def;
        this.args = args;
    }

    public String name() {
        return def.name();
    }

    private Arg find(String name) {
        for (Arg a : args) {
            if (a.opt().name().equals(name)) {
                return a;
            }
        }
        if (def.opt(name) == null) {
            throw new IllegalStateException("command " + def.name() + " has no option " + name);
        }
        return null;
    }

    /** The option as given (value unchecked), or null. */
    Arg raw(String name) {
        return find(name);
    }

    public boolean bool(String name) {
        return find(name) != null;
    }

    public boolean has(String name) {
        return find(name) != null;
    }

    /** The value, or null when absent; an empty value is refused unless the option allows it. */
    public String string(String name) {
        Arg a = find(name);
        if (a == null) {
            return null;
        }
        if (a.value().isEmpty() && !a.opt().allowsEmpty()) {
            throw sh.fail("Failed to get option '%s': Option argument is empty", name);
        }
        return a.value();
    }

    /** As {@link #string}, for an option the table declares required. */
    public String req(String name) {
        String v = string(name);
        if (v == null) {
            throw sh.fail("Failed to get option '%s': Mandatory option not present", name);
        }
        return v;
    }

    /** Every value of an ARGV option, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Arg a : args) {
            if (a.opt().name().equals(name)) {
                out.add(a.value());
            }
        }
        return out;
    }

    private Failed badNumber(String value, String name) {
        return sh.fail("Numeric value '%s' for <%s> option is malformed or out of range", value, name);
    }

    /** A signed int (vshCommandOptInt); {@code dflt} when absent. */
    public int integer(String name, int dflt) {
        Arg a = find(name);
        if (a == null) {
            return dflt;
        }
        Long v = Numbers.parse(a.value(), false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (v == null) {
            throw badNumber(a.value(), name);
        }
        return v.intValue();
    }

    /** A signed 64-bit value (vshCommandOptLongLong); {@code dflt} when absent. */
    public long longInt(String name, long dflt) {
        Arg a = find(name);
        if (a == null) {
            return dflt;
        }
        Long v = Numbers.parse(a.value(), false, Long.MIN_VALUE, Long.MAX_VALUE);
        if (v == null) {
            throw badNumber(a.value(), name);
        }
        return v;
    }

    /** A non-negative int (vshCommandOptUInt); {@code dflt} when absent. */
    public long uint(String name, long dflt) {
        Arg a = find(name);
        if (a == null) {
            return dflt;
        }
        Long v = Numbers.parse(a.value(), true, 0, 0xFFFFFFFFL);
        if (v == null) {
            throw badNumber(a.value(), name);
        }
        return v;
    }

    /** A non-negative 64-bit value (vshCommandOptULongLong); {@code dflt} when absent. */
    public long ulong(String name, long dflt) {
        Arg a = find(name);
        if (a == null) {
            return dflt;
        }
        Long v = Numbers.parseUnsigned64(a.value());
        if (v == null) {
            throw badNumber(a.value(), name);
        }
        return v;
    }

    /**
     * A size with an optional unit suffix (vshCommandOptScaledInt): {@code scale} is the unit of a bare number,
     * {@code max} the largest result; the result is in bytes.
     */
    public long scaled(String name, long dflt, long scale, BigInteger max) {
        Arg a = find(name);
        if (a == null) {
            return dflt;
        }
        Long v = Numbers.scaled(a.value(), scale, max);
        if (v == null) {
            throw sh.fail("Scaled numeric value '%s' for <%s> option is malformed or out of range", a.value(), name);
        }
        return v;
    }
}
