package org.jvirt;

import java.util.Set;

/**
 * The argument checks libvirt's public API makes before any driver is called (internal.h's VIR_REQUIRE_FLAG_*,
 * VIR_EXCLUSIVE_FLAGS_*, virCheckNonZeroArg*). They raise VIR_ERR_INVALID_ARG from the public API's error domain
 * with the detail alone as message, the function in str1 and the argument in str2, as virReportInvalidArg does.
 */
final class ArgChecks {

    private ArgChecks() {
    }

    /** VIR_REQUIRE_FLAG: {@code by} set without {@code needed}. */
    static <E extends Enum<E> & BitFlag> void requireFlag(Set<E> flags, E by, String byName, E needed,
                                                          String neededName, ErrorDomain domain, String function) {
        if (flags.contains(by) && !flags.contains(needed)) {
            throw invalidArg(domain, function, "ctl",
                    String.format("Flag '%s' is required by flag '%s'", neededName, byName));
        }
    }

    /** VIR_EXCLUSIVE_FLAGS: both flags set. */
    static <E extends Enum<E> & BitFlag> void exclusiveFlags(Set<E> flags, E a, String aName, E b, String bName,
                                                             ErrorDomain domain, String function) {
        if (flags.contains(a) && flags.contains(b)) {
            throw invalidArg(domain, function, "ctl",
                    String.format("Flags '%s' and '%s' are mutually exclusive", aName, bName));
        }
    }

    /** virCheckNonNullArg. */
    static void nonNull(Object value, String argName, ErrorDomain domain, String function) {
        if (value == null) {
            throw invalidArg(domain, function, argName,
                    String.format("%s in %s must not be NULL", argName, function));
        }
    }

    /** virCheckNonZeroArg. */
    static void nonZero(long value, String argName, ErrorDomain domain, String function) {
        if (value == 0) {
            throw invalidArg(domain, function, argName,
                    String.format("%s in %s must not be zero", argName, function));
        }
    }

    /** virCheckNonNegativeArg. */
    static void nonNegative(long value, String argName, ErrorDomain domain, String function) {
        if (value < 0) {
            throw invalidArg(domain, function, argName,
                    String.format("%s in %s must be zero or greater", argName, function));
        }
    }

    /** virCheckPositiveArg. */
    static void positive(long value, String argName, ErrorDomain domain, String function) {
        if (value <= 0) {
            throw invalidArg(domain, function, argName,
                    String.format("%s in %s must be greater than zero", argName, function));
        }
    }

    /** virReportInvalidArg with a message of the caller's. */
    static VirtException invalid(ErrorDomain domain, String function, String argName, String message) {
        return invalidArg(domain, function, argName, message);
    }

    /** The UUID string checks of the virXLookupByUUIDString functions. */
    static java.util.UUID uuid(String text, ErrorDomain domain, String function) {
        java.util.UUID u = LibvirtUUID.tryParse(text);
        if (u == null) {
            throw invalidArg(domain, function, "uuidstr",
                    String.format("uuidstr in %s must be a valid UUID", function));
        }
        return u;
    }

    private static VirtException invalidArg(ErrorDomain domain, String function, String argName, String message) {
        return VirtException.of(new VirtError(ErrorNumber.INVALID_ARG.code(), domain.code(), ErrorLevel.ERROR,
                message, function, argName, null, 0, 0));
    }
}
