package org.jvirt.spi;

import java.util.function.Supplier;

/**
 * Whether the current thread acts for a driver itself rather than for a client: libvirt's
 * virIdentityElevateCurrent / virIdentityIsCurrentElevated. A driver that needs a private secret's value to run a
 * guest or build a LUKS volume (as libvirt's qemu and storage drivers do through virSecretGetSecretString) reads
 * it inside {@link #call}; the secret driver returns a private value only there. A client's call, local or
 * through jvirtd, is never elevated, so a private value never reaches a client.
 */
public final class Elevation {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Elevation() {
    }

    /** Runs {@code body} elevated on this thread. */
    public static <T> T call(Supplier<T> body) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return body.get();
        } finally {
            depth[0]--;
        }
    }

    /** Whether this thread is inside {@link #call}. */
    public static boolean isCurrent() {
        return DEPTH.get()[0] > 0;
    }
}
