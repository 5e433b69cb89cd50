package org.jvirt;

import java.util.List;

/**
 * One mounted filesystem of a guest, as its agent reports it (libvirt's {@code virDomainFSInfo}).
 *
 * @param mountpoint where it is mounted in the guest
 * @param name       the guest's name of its device, e.g. {@code vda1}
 * @param fstype     its type, e.g. {@code ext4}
 * @param devAliases the target names ({@code vda}) of the domain's disks it lives on
 */
public record DomainFSInfo(String mountpoint, String name, String fstype, List<String> devAliases) {
    public DomainFSInfo {
        devAliases = devAliases == null ? List.of() : List.copyOf(devAliases);
    }
}
