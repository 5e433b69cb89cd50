package org.jvirt;

/**
 * A flag enum constant with libvirt's bit value. The public API takes sets of these; the wire layer and the
 * drivers convert to and from libvirt's integers through {@link Flags} only.
 */
public interface BitFlag {
    /** libvirt's value of the flag, a single bit (or, for a few enum-valued flags, a small integer). */
    int bit();
}
