package org.jvirt.osinfo;

/**
 * An entity a database file creates or names, in the order libosinfo's loader meets them (it adds an OS or a
 * device to its lists when first named, by a derives-from or a device link as much as by its own file). Kept
 * so that libosinfo's list order can be reproduced; see {@link OsinfoDb#inLibosinfoOrder}.
 */
record LoadRef(Kind kind, String id) {
    enum Kind { OS, PLATFORM, DEVICE }
}
