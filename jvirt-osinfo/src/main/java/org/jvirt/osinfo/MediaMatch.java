package org.jvirt.osinfo;

/** The outcome of identifying installation media: the OS and which of its media entries matched. */
public record MediaMatch(Os os, Media media) {
}
