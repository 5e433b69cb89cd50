package org.jvirt.web.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A strong ETag from a resource's persistent definition: it changes exactly when the definition does. */
public final class Etags {

    private Etags() {
    }

    /**
     * The persistent definition when there is one and the driver can give it (libvirt's test driver refuses the
     * INACTIVE flag for networks), else the current XML.
     */
    public static String definition(boolean persistent, java.util.function.Supplier<String> inactive,
                                    java.util.function.Supplier<String> current) {
        if (persistent) {
            try {
                return inactive.get();
            } catch (org.jvirt.VirtException e) {
                if (e.number() != org.jvirt.ErrorNumber.INVALID_ARG) {
                    throw e;
                }
            }
        }
        return current.get();
    }

    public static String of(String definition) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
