package org.jvirt.install.tree;

import java.util.List;

/**
 * What virt-install's distro store found in a tree.
 *
 * @param store       which store recognised it (Fedora, Debian, Generic Treeinfo, ...)
 * @param osName      the detected OS's short id, or null when the store could not tell the version
 * @param kernelPairs where the install kernel and initrd may be, in the order they are tried
 */
public record TreeDetection(String store, String osName, List<KernelPair> kernelPairs) {
    public TreeDetection {
        kernelPairs = List.copyOf(kernelPairs);
    }

    /** An install kernel and its initrd, as paths inside the tree. */
    public record KernelPair(String kernel, String initrd) {}
}
