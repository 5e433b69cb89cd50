package org.jvirt.driver.storage.vol;

import java.util.List;

/** libvirt's file formats (virStorageFileFormat) a file volume may have, by their XML names. */
public final class ImageFormat {

    /** In virStorageFileFormat's order, "none" aside. */
    public static final List<String> NAMES = List.of("raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi",
            "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");

    /** qcow2 features libvirt knows (virStorageFileFeature). */
    public static final List<String> FEATURES = List.of("lazy_refcounts", "extended_l2");

    private ImageFormat() {
    }

    public static boolean known(String name) {
        return NAMES.contains(name);
    }
}
