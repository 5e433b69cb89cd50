package org.jvirt.shell;

/** The kinds of command option, as virsh's vshCmdOptType. */
public enum OptType {
    /** A flag: {@code --name}, no value. */
    BOOL,
    /** A named value, {@code --name value}; filled positionally unless the option is {@link Opt#named()}. */
    STRING,
    /** As STRING, holding a number; parsed by the handler, which knows the range it needs. */
    INT,
    /** A value normally given positionally ({@code <name>}); {@code --name value} works as well. */
    DATA,
    /** Every remaining positional argument. */
    ARGV,
    /** Another spelling of a later option; {@code help} holds the target ("name" or "name=value"). */
    ALIAS
}
