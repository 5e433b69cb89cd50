package org.jvirt.coverage;

import java.util.Optional;

/**
 * The libvirt functions that have no meaning in Java, and why. They are counted apart in the coverage table:
 * not missing, but answered by the language or by jvirt's design.
 */
final class NotApplicable {

    private NotApplicable() {
    }

    static Optional<String> reason(String fn) {
        if (fn.endsWith("Free") || fn.endsWith("Ref") && !fn.endsWith("Pref")) {
            return Optional.of("memory is garbage-collected; objects are plain Java handles");
        }
        if (fn.startsWith("virTypedParams")) {
            return Optional.of("typed parameters are Java maps and records");
        }
        if (fn.startsWith("virEvent")) {
            return Optional.of("events are delivered on jvirt's own threads; there is no event loop to register or run");
        }
        if (fn.startsWith("virStreamEvent")) {
            return Optional.of("streams are blocking; callers use threads or the async API");
        }
        if (fn.contains("LastError") || fn.contains("ErrorFunc") || fn.equals("virResetError")
                || fn.equals("virFreeError") || fn.equals("virCopyLastError") || fn.equals("virSaveLastError")) {
            return Optional.of("errors are thrown as VirtException carrying the whole virError; no thread-local error");
        }
        if (fn.equals("virInitialize")) {
            return Optional.of("nothing to initialise: drivers load through ServiceLoader on first use");
        }
        if (fn.equals("virGetVersion")) {
            return Optional.of("replaced by Connect.LIBVIRT_VERSION and Connect.getVersion()");
        }
        return Optional.empty();
    }
}
