package org.jvirt.driver.qemu;

import java.util.List;
import java.util.Set;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.flags.SnapshotCreateFlag;
import org.jvirt.flags.SnapshotDeleteFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.flags.SnapshotRevertFlag;
import org.jvirt.flags.SnapshotXMLFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainSnapshotDriver;
import org.jvirt.spi.DomainSnapshotRef;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** The snapshot table of a qemu connection: internal qcow2 snapshots (see lifecycle.Snapshots). */
final class QemuSnapshots implements DomainSnapshotDriver {

    private final QemuDriverState st;

    QemuSnapshots(QemuDriverState st) {
        this.st = st;
    }

    private DomainObj dom(DomainRef ref) {
        return st.ctx.store().get(ref);
    }

    private DomainSnapshotRef ref(DomainObj d, String name) {
        return new DomainSnapshotRef(d.ref(), name);
    }

    private DomainObj existing(DomainSnapshotRef snap) {
        DomainObj d = dom(snap.domain());
        if (!st.lifecycle.snapshots().exists(d, snap.name())) {
            throw VirtException.of(ErrorDomain.DOMAIN_SNAPSHOT, ErrorNumber.NO_DOMAIN_SNAPSHOT,
                    "no domain snapshot with matching name '%s'", snap.name());
        }
        return d;
    }

    @Override
    public DomainSnapshotRef snapshotCreateXML(DomainRef dom, String xml, Set<SnapshotCreateFlag> flags) {
        DomainObj d = dom(dom);
        return ref(d, st.lifecycle.snapshots().create(d, xml, flags));
    }

    @Override
    public List<DomainSnapshotRef> listAllSnapshots(DomainRef dom, Set<SnapshotListFlag> flags) {
        DomainObj d = dom(dom);
        return st.lifecycle.snapshots().list(d, flags).stream().map(n -> ref(d, n)).toList();
    }

    @Override
    public List<DomainSnapshotRef> snapshotListAllChildren(DomainSnapshotRef snap, Set<SnapshotListFlag> flags) {
        DomainObj d = dom(snap.domain());
        return st.lifecycle.snapshots().children(d, snap.name(), flags).stream().map(n -> ref(d, n)).toList();
    }

    @Override
    public DomainSnapshotRef snapshotLookupByName(DomainRef dom, String name) {
        return ref(existing(new DomainSnapshotRef(dom, name)), name);
    }

    @Override
    public boolean hasCurrentSnapshot(DomainRef dom) {
        return st.lifecycle.snapshots().current(dom(dom)) != null;
    }

    @Override
    public DomainSnapshotRef snapshotCurrent(DomainRef dom) {
        DomainObj d = dom(dom);
        String c = st.lifecycle.snapshots().current(d);
        if (c == null) {
            throw VirtException.of(ErrorDomain.DOMAIN_SNAPSHOT, ErrorNumber.NO_DOMAIN_SNAPSHOT,
                    "the domain does not have a current snapshot");
        }
        return ref(d, c);
    }

    @Override
    public DomainSnapshotRef snapshotGetParent(DomainSnapshotRef snap) {
        DomainObj d = existing(snap);
        return ref(d, st.lifecycle.snapshots().parent(d, snap.name()));
    }

    @Override
    public String snapshotGetXMLDesc(DomainSnapshotRef snap, Set<SnapshotXMLFlag> flags) {
        return st.lifecycle.snapshots().xml(existing(snap), snap.name());
    }

    @Override
    public boolean snapshotIsCurrent(DomainSnapshotRef snap) {
        return snap.name().equals(st.lifecycle.snapshots().current(existing(snap)));
    }

    @Override
    public boolean snapshotHasMetadata(DomainSnapshotRef snap) {
        existing(snap);
        return true;
    }

    @Override
    public void revertToSnapshot(DomainSnapshotRef snap, Set<SnapshotRevertFlag> flags) {
        st.lifecycle.snapshots().revert(existing(snap), snap.name(), flags);
    }

    @Override
    public void snapshotDelete(DomainSnapshotRef snap, Set<SnapshotDeleteFlag> flags) {
        st.lifecycle.snapshots().delete(existing(snap), snap.name(), flags);
    }
}
