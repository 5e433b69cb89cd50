package org.jvirt.shell;

/**
 * The options many commands share, declared once as virsh's VIRSH_COMMON_OPT_* macros declare them
 * (tools/virsh.h): the domain argument and the --config/--live/--current trio of a domain change.
 */
final class CommonOpts {

    private CommonOpts() {
    }

    /** VIRSH_COMMON_OPT_DOMAIN_FULL(0). */
    static final Opt DOMAIN_FULL = Opt.data("domain", "domain name, id or uuid").req().complete(Completer.DOMAIN);
    /** VIRSH_COMMON_OPT_DOMAIN_CONFIG. */
    static final Opt CONFIG = Opt.bool("config", "affect next boot");
    /** VIRSH_COMMON_OPT_DOMAIN_LIVE. */
    static final Opt LIVE = Opt.bool("live", "affect running domain");
    /** VIRSH_COMMON_OPT_DOMAIN_CURRENT. */
    static final Opt CURRENT = Opt.bool("current", "affect current domain");
}
