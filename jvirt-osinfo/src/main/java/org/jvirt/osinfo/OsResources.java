package org.jvirt.osinfo;

import java.util.Optional;

/**
 * An OS's resource figures for one architecture, each taken from the block for that architecture or else the
 * block for "all" (how virt-install reads them).
 */
public record OsResources(Optional<Resources> minimum, Optional<Resources> recommended,
                          Optional<Resources> maximum, Optional<Resources> networkInstall) {
}
