package org.jvirt.shell;

/**
 * One option of a command, as virsh declares it.
 *
 * @param name      the option's name, used as {@code --name}
 * @param type      its kind
 * @param required  whether the command refuses to run without it (virsh's VSH_OFLAG_REQ)
 * @param allowsEmpty   whether an empty value is accepted (VSH_OFLAG_EMPTY_OK)
 * @param mustBeNamed whether it must be given as {@code --name value}, never positionally (VSH_OFLAG_REQ_OPT)
 * @param completer what completes its value
 * @param help      the help line; for an {@link OptType#ALIAS}, the target
 */
public record Opt(String name, OptType type, boolean required, boolean allowsEmpty, boolean mustBeNamed,
                  Completer completer, String help) {

    public static Opt bool(String name, String help) {
        return new Opt(name, OptType.BOOL, false, false, false, Completer.NONE, help);
    }

    public static Opt string(String name, String help) {
        return new Opt(name, OptType.STRING, false, false, false, Completer.NONE, help);
    }

    public static Opt integer(String name, String help) {
        return new Opt(name, OptType.INT, false, false, false, Completer.NONE, help);
    }

    public static Opt data(String name, String help) {
        return new Opt(name, OptType.DATA, false, false, false, Completer.NONE, help);
    }

    public static Opt argv(String name, String help) {
        return new Opt(name, OptType.ARGV, false, false, false, Completer.NONE, help);
    }

    /** {@code target} is the option's other name, or "name=value" for a bool standing for an option's value. */
    public static Opt alias(String name, String target) {
        return new Opt(name, OptType.ALIAS, false, false, false, Completer.NONE, target);
    }

    public Opt req() {
        return new Opt(name, type, true, allowsEmpty, mustBeNamed, completer, help);
    }

    public Opt emptyOk() {
        return new Opt(name, type, required, true, mustBeNamed, completer, help);
    }

    public Opt named() {
        return new Opt(name, type, required, allowsEmpty, true, completer, help);
    }

    public Opt complete(Completer c) {
        return new Opt(name, type, required, allowsEmpty, mustBeNamed, c, help);
    }

    /** Whether a bare word may fill this option (virsh's "opts_need_arg"). */
    boolean positional() {
        return type != OptType.BOOL && type != OptType.ALIAS && !mustBeNamed;
    }
}
