package org.jvirt.shell;

import org.jvirt.ErrorDomain;
import org.jvirt.VirtException;

/**
 * Handlers of the commands whose libvirt function the jvirt public API does not offer (checkpoints, backups,
 * block jobs, migration, ...): they fail as virsh fails against a driver without that function, with
 * libvirt's "this function is not supported by the connection driver: virXxx". The command stays declared so
 * that {@code help} lists what virsh lists.
 */
final class Unsupported {

    private Unsupported() {
    }

    static Handler api(String function) {
        return (sh, cmd) -> {
            throw VirtException.noSupport(ErrorDomain.NONE, function);
        };
    }
}
