package org.jvirt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Conversions between flag sets and libvirt's integers: the one place where flags become bits. */
public final class Flags {

    private Flags() {
    }

    public static int toBits(Collection<? extends BitFlag> flags) {
        int bits = 0;
        for (BitFlag f : flags) {
            bits |= f.bit();
        }
        return bits;
    }

    @SafeVarargs
    public static <E extends Enum<E> & BitFlag> int toBits(E... flags) {
        int bits = 0;
        for (E f : flags) {
            bits |= f.bit();
        }
        return bits;
    }

    /**
     * The set for libvirt's integer. Bits that no constant of {@code type} stands for are refused as libvirt's
     * {@code virCheckFlags} refuses them: "unsupported flags (0x..) in function ...".
     */
    public static <E extends Enum<E> & BitFlag> EnumSet<E> fromBits(Class<E> type, int bits, ErrorDomain domain,
                                                                   String function) {
        EnumSet<E> set = EnumSet.noneOf(type);
        int known = 0;
        for (E e : type.getEnumConstants()) {
            known |= e.bit();
            if (e.bit() != 0 && (bits & e.bit()) == e.bit()) {
                set.add(e);
            }
        }
        int unknown = bits & ~known;
        if (unknown != 0) {
            throw VirtException.of(domain, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function %s", unknown, function);
        }
        return set;
    }

    /**
     * libvirt's virCheckFlags, for drivers: any flag outside {@code allowed} fails with VIR_ERR_INVALID_ARG and the
     * bare message "unsupported flags (0x..) in function fn", {@code function} being the driver's C function
     * (testDomainPinVcpuFlags, qemuDomainGetJobStats ...) as libvirt names it.
     */
    public static <E extends Enum<E> & BitFlag> void check(Set<E> flags, Set<E> allowed, ErrorDomain domain,
                                                           String function) {
        int bad = 0;
        for (E f : flags) {
            if (!allowed.contains(f)) {
                bad |= f.bit();
            }
        }
        checkBits(bad, 0, domain, function);
    }

    /** {@link #check} for a driver still holding libvirt's integer. */
    public static void checkBits(int bits, int allowed, ErrorDomain domain, String function) {
        int bad = bits & ~allowed;
        if (bad != 0) {
            String msg = String.format("unsupported flags (0x%x) in function %s", bad, function);
            throw VirtException.of(new VirtError(ErrorNumber.INVALID_ARG.code(), domain.code(), ErrorLevel.ERROR, msg,
                    ErrorNumber.INVALID_ARG.template(true), msg, null, -1, -1));
        }
    }

    /** A defensive, mutable copy of a caller's flags. */
    @SafeVarargs
    public static <E extends Enum<E>> EnumSet<E> setOf(Class<E> type, E... flags) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : flags) {
            set.add(e);
        }
        return set;
    }

    /** Whether {@code flags} holds {@code flag}; reads better at call sites than contains on a raw set. */
    public static <E extends Enum<E>> boolean has(Set<E> flags, E flag) {
        return flags.contains(flag);
    }
}
