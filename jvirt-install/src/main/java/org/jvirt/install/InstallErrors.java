package org.jvirt.install;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** The errors provisioning raises itself, worded as virt-install words them (the detail is its message). */
public final class InstallErrors {
    private InstallErrors() {
    }

    public static VirtException invalid(String format, Object... args) {
        return VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, format, args);
    }

    /** What jvirt-install does not do (libvirt's "this function is not supported" code). */
    public static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorDomain.NONE, ErrorNumber.NO_SUPPORT, format, args);
    }

    public static VirtException failed(String format, Object... args) {
        return VirtException.of(ErrorDomain.NONE, ErrorNumber.OPERATION_FAILED, format, args);
    }

    /** virt-install's failure of a check that {@code --check NAME=off} skips, with its hint. */
    public static VirtException optionalFail(String check, String message) {
        return invalid("%s", message + " (Use --check " + check + "=off or --check all=off to override)");
    }

    /** What a user reads: the detail virt-install would print, without libvirt's "invalid argument: " prefix. */
    public static String userMessage(VirtException e) {
        String detail = e.error().str2();
        return detail != null && !detail.isEmpty() ? detail : e.getMessage();
    }
}
