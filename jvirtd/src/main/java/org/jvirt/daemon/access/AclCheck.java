package org.jvirt.daemon.access;

/**
 * One {@code @acl} annotation: the permission {@code perm} on the call's {@code object}, needed always, or only
 * when the call's flags hold all of {@code mask} ({@code negate}: none of them), or only when argument
 * {@code param} equals {@code value} — gendispatch.pl's rules.
 */
public record AclCheck(String object, String perm, long mask, boolean negate, String param, long value) {

    /** "domain:save:!0x3", "domain:write::source:1", "connect:getattr". */
    static AclCheck parse(String text) {
        String[] b = text.split(":", -1);
        long mask = 0;
        boolean negate = false;
        if (b.length > 2 && !b[2].isEmpty()) {
            negate = b[2].startsWith("!");
            mask = Long.decode(negate ? b[2].substring(1) : b[2]);
        }
        String param = b.length > 4 ? b[3] : null;
        long value = b.length > 4 ? Long.parseLong(b[4]) : 0;
        return new AclCheck(b[0], b[1], mask, negate, param, value);
    }

    /** Whether the check applies to a call with these flags and this parameter value. */
    boolean applies(long flags, Long paramValue) {
        if (mask != 0) {
            boolean hit = negate ? (flags & mask) == 0 : (flags & mask) == mask;
            if (!hit) {
                return false;
            }
        }
        return param == null || (paramValue != null && paramValue == value);
    }
}
