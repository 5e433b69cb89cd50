package org.jvirt.driver.nwfilter.conf;

/**
 * A rule's direction as libvirt names it from the guest's side: {@code out} is what the guest sends (it enters
 * the host through the guest's port), {@code in} what the guest receives.
 */
public enum Direction {
    IN, OUT, INOUT;

    /** Whether the rule applies to traffic the guest sends. */
    public boolean fromGuest() {
        return this != IN;
    }

    /** Whether the rule applies to traffic the guest receives. */
    public boolean toGuest() {
        return this != OUT;
    }

    static Direction parse(String s) {
        if (s == null) {
            throw Errors.of(org.jvirt.ErrorNumber.INTERNAL_ERROR, "rule node requires direction attribute");
        }
        return switch (s) {
            case "in" -> IN;
            case "out" -> OUT;
            case "inout" -> INOUT;
            default -> throw Errors.of(org.jvirt.ErrorNumber.CONFIG_UNSUPPORTED,
                    "unknown rule direction attribute value");
        };
    }
}
