package org.jvirt;

/** libvirt's {@code virSecurityLabel}: a running domain's label (empty when it has none) and its mode. */
public record SecurityLabel(String label, boolean enforcing) {
}
