package org.jvirt.install.os;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where provisioning looks OSes up: by name, by install ISO, by install tree. */
public interface OsCatalog {

    /** The OS by short id or full id. */
    Optional<OsFacts> find(String idOrShortId);

    /**
     * The OS by name, or an error worded as virt-install's: {@code Unknown OS name 'x'. See `--osinfo list` for
     * valid values.} (with the nearest ids when the database can name them).
     */
    OsFacts require(String idOrShortId);

    /** The OS an install ISO holds (from its volume descriptor), with the media's kernel and initrd paths. */
    Optional<MediaMatch> detectMedia(Path iso);

    /** The OS an install tree holds (its .treeinfo), with its kernel and initrd paths. */
    Optional<MediaMatch> detectTree(Path tree);

    /** The OS a {@code .treeinfo} (its text, as fetched from a tree) describes, as libosinfo identifies trees. */
    Optional<OsFacts> identifyTreeinfo(String treeinfo);

    /**
     * Every OS with the names virt-install knows it by, in virt-install's order ({@code OSDB.list_os}: natural
     * order of the canonical short id, numbers descending), "generic" included.
     */
    List<OsName> list();

    /**
     * An OS as virt-install lists it.
     *
     * @param name     the canonical short id
     * @param allNames every short id, sorted
     * @param codename the codename ("bullseye", "Jammy Jellyfish"), or ""
     * @param label    the OS's name ("Debian 11")
     */
    record OsName(String name, List<String> allNames, String codename, String label) {}

    /**
     * A detected medium.
     *
     * @param os     the OS
     * @param kernel the install kernel's path inside the medium, or null when osinfo does not say
     * @param initrd the install initrd's path inside the medium, or null
     */
    record MediaMatch(OsFacts os, String kernel, String initrd) {}
}
