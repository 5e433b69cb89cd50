package org.jvirt.driver.test;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Set;
import org.jvirt.BitFlag;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorLevel;
import org.jvirt.ErrorNumber;
import org.jvirt.Flags;
import org.jvirt.VirtError;
import org.jvirt.VirtException;

/** The errors the test driver raises in more than one place, worded as libvirt words them. */
final class Errors {

    private Errors() {
    }

    /** virCheckFlags (core's {@link Flags#check}), in the test driver's error domain. */
    static <E extends Enum<E> & BitFlag> void checkFlags(Set<E> flags, Set<E> allowed, String function) {
        Flags.check(flags, allowed, ErrorDomain.TEST, function);
    }

    static <E extends Enum<E> & BitFlag> int bits(Set<E> flags) {
        return Flags.toBits(flags);
    }

    /** virDomainObjCheckActive, raised from src/conf. */
    static VirtException domainNotRunning() {
        return VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID, "domain is not running");
    }

    static VirtException test(ErrorNumber n, String format, Object... args) {
        return VirtException.of(ErrorDomain.TEST, n, format, args);
    }

    /** VIR_EXCLUSIVE_FLAGS_RET: libvirt reports these with a bare message, without the code's prefix. */
    static VirtException exclusive(String a, String b) {
        return bare(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                String.format("Flags '%s' and '%s' are mutually exclusive", a, b));
    }

    /** An error whose message is the detail alone, as virCheckFlags and friends report it. */
    static VirtException bare(ErrorDomain domain, ErrorNumber n, String msg) {
        return VirtException.of(new VirtError(n.code(), domain.code(), ErrorLevel.ERROR, msg, n.template(true), msg,
                null, -1, -1));
    }

    /** The strerror text libvirt appends to a system error. */
    static String strerror(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
