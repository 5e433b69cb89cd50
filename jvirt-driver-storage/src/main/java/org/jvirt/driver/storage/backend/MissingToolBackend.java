package org.jvirt.driver.storage.backend;

import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.flags.StoragePoolBuildFlag;

/**
 * A pool type whose host program is not installed here (rbd's librados tools, gluster, zfs, ...): every use fails
 * with an error that names the missing program, as libvirt fails when it was built without that backend's tool.
 */
public final class MissingToolBackend implements Backend {

    private final String type;
    private final String program;

    public MissingToolBackend(String type, String program) {
        this.type = type;
        this.program = program;
    }

    private VirtException missing() {
        return VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT,
                "storage pool type '%s' needs '%s', which is not installed on this host", type, program);
    }

    @Override
    public void build(PoolDef def, Set<StoragePoolBuildFlag> flags) {
        throw missing();
    }

    @Override
    public void start(PoolDef def) {
        throw missing();
    }

    @Override
    public Refreshed refresh(PoolDef def) {
        throw missing();
    }

    @Override
    public Volume refreshVol(PoolDef def, String name, String path) {
        throw missing();
    }

    @Override
    public String findSources(String srcSpec) {
        throw missing();
    }
}
