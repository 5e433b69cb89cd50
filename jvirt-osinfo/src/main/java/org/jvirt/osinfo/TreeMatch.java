package org.jvirt.osinfo;

/** The outcome of identifying an install tree: the OS and which of its tree entries matched. */
public record TreeMatch(Os os, Tree tree) {
}
