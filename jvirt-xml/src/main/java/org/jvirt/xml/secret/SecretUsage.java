package org.jvirt.xml.secret;

/**
 * What a secret is for ({@code <usage type=...>}): the type and the one identifying value it carries
 * (volume path for "volume", target for "iscsi", name for "ceph", "tls" and "vtpm").
 */
public record SecretUsage(String type, String id) {
    public static SecretUsage volume(String path) {
        return new SecretUsage("volume", path);
    }

    public static SecretUsage ceph(String name) {
        return new SecretUsage("ceph", name);
    }

    public static SecretUsage iscsi(String target) {
        return new SecretUsage("iscsi", target);
    }

    public static SecretUsage tls(String name) {
        return new SecretUsage("tls", name);
    }

    public static SecretUsage vtpm(String name) {
        return new SecretUsage("vtpm", name);
    }

    /** The child element of {@code <usage>} that carries the id for this type. */
    public String idElement() {
        return idElement(type);
    }

    static String idElement(String type) {
        return switch (type) {
            case "volume" -> "volume";
            case "iscsi" -> "target";
            default -> "name";
        };
    }
}
