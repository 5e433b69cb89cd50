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

    public static VirtException failed(String format, Object... args) {
        return VirtException.of(ErrorDomain.NONE, ErrorNumber.OPERATION_FAILED, format, args);
    }

    /** What a user reads: the detail virt-install would print, without libvirt's "invalid argument: " prefix. */
    public static String userMessage(VirtException e) {
        String detail = e.error().str2();
        return detail != null && !detail.isEmpty() ? detail : e.getMessage();
    }
}
