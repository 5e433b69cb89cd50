package org.jvirt;

/** libvirt's {@code virSecurityModel}: the host's security driver; an empty model means none is active. */
public record SecurityModel(String model, String doi) {
}
