package org.jvirt.driver.qemu;

import java.util.List;
import java.util.Set;
import org.jvirt.driver.qemu.checkpoint.Checkpoints;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.spi.DomainCheckpointDriver;
import org.jvirt.spi.DomainCheckpointRef;
import org.jvirt.spi.DomainRef;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * The checkpoint table of a qemu connection: persistent dirty bitmaps in qcow2 disks (see checkpoint.Checkpoints).
 * Backup jobs are not implemented: virDomainBackupBegin and virDomainBackupGetXMLDesc answer VIR_ERR_NO_SUPPORT.
 */
final class QemuCheckpoints implements DomainCheckpointDriver {

    private final QemuDriverState st;
    private final Checkpoints checkpoints;

    QemuCheckpoints(QemuDriverState st) {
        this.st = st;
        this.checkpoints = new Checkpoints(st.ctx.stateDir());
    }

    private DomainObj dom(DomainRef ref) {
        return st.ctx.store().get(ref);
    }

    private static DomainCheckpointRef ref(DomainObj d, String name) {
        return new DomainCheckpointRef(d.ref(), name);
    }

    private DomainObj existing(DomainCheckpointRef chk) {
        DomainObj d = dom(chk.domain());
        if (!checkpoints.exists(d, chk.name())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN_CHECKPOINT,
                    "no domain checkpoint with matching name '%s'", chk.name());
        }
        return d;
    }

    @Override
    public DomainCheckpointRef checkpointCreateXML(DomainRef dom, String xml, Set<CheckpointCreateFlag> flags) {
        DomainObj d = dom(dom);
        return ref(d, checkpoints.create(d, xml, flags));
    }

    @Override
    public List<DomainCheckpointRef> listAllCheckpoints(DomainRef dom, Set<CheckpointListFlag> flags) {
        DomainObj d = dom(dom);
        return checkpoints.list(d, null, flags).stream().map(n -> ref(d, n)).toList();
    }

    @Override
    public List<DomainCheckpointRef> checkpointListAllChildren(DomainCheckpointRef chk,
                                                               Set<CheckpointListFlag> flags) {
        DomainObj d = existing(chk);
        return checkpoints.list(d, chk.name(), flags).stream().map(n -> ref(d, n)).toList();
    }

    @Override
    public DomainCheckpointRef checkpointLookupByName(DomainRef dom, String name) {
        return ref(existing(new DomainCheckpointRef(dom, name)), name);
    }

    @Override
    public DomainCheckpointRef checkpointGetParent(DomainCheckpointRef chk) {
        DomainObj d = existing(chk);
        return ref(d, checkpoints.parent(d, chk.name()));
    }

    @Override
    public String checkpointGetXMLDesc(DomainCheckpointRef chk, Set<CheckpointXMLFlag> flags) {
        return checkpoints.xml(existing(chk), chk.name(), flags);
    }

    @Override
    public void checkpointDelete(DomainCheckpointRef chk, Set<CheckpointDeleteFlag> flags) {
        checkpoints.delete(existing(chk), chk.name(), flags);
    }
}
