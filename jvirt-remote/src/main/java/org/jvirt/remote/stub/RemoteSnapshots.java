package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.DomainSnapshotProcedures.*;

import java.util.List;
import java.util.Set;
import org.jvirt.Flags;
import org.jvirt.flags.SnapshotCreateFlag;
import org.jvirt.flags.SnapshotDeleteFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.flags.SnapshotRevertFlag;
import org.jvirt.flags.SnapshotXMLFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.DomainSnapshotTypes.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainSnapshotDriver;
import org.jvirt.spi.DomainSnapshotRef;

/** virDomainSnapshot* over the wire. */
public final class RemoteSnapshots implements DomainSnapshotDriver {

    private final Rpc rpc;

    public RemoteSnapshots(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public DomainSnapshotRef snapshotCreateXML(DomainRef dom, String xml, Set<SnapshotCreateFlag> flags) {
        return Refs.snap(rpc.call(DOMAIN_SNAPSHOT_CREATE_XML, new RemoteDomainSnapshotCreateXmlArgs(Refs.wire(dom),
                xml, Flags.toBits(flags))).snap());
    }

    @Override
    public List<DomainSnapshotRef> listAllSnapshots(DomainRef dom, Set<SnapshotListFlag> flags) {
        return Refs.map(rpc.call(DOMAIN_LIST_ALL_SNAPSHOTS, new RemoteDomainListAllSnapshotsArgs(Refs.wire(dom), 1,
                Flags.toBits(flags))).snapshots(), Refs::snap);
    }

    @Override
    public List<DomainSnapshotRef> snapshotListAllChildren(DomainSnapshotRef snap, Set<SnapshotListFlag> flags) {
        return Refs.map(rpc.call(DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, new RemoteDomainSnapshotListAllChildrenArgs(
                Refs.wire(snap), 1, Flags.toBits(flags))).snapshots(), Refs::snap);
    }

    @Override
    public DomainSnapshotRef snapshotLookupByName(DomainRef dom, String name) {
        return Refs.snap(rpc.call(DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, new RemoteDomainSnapshotLookupByNameArgs(
                Refs.wire(dom), name, 0)).snap());
    }

    @Override
    public boolean hasCurrentSnapshot(DomainRef dom) {
        return Refs.bool(rpc.call(DOMAIN_HAS_CURRENT_SNAPSHOT, new RemoteDomainHasCurrentSnapshotArgs(
                Refs.wire(dom), 0)).result());
    }

    @Override
    public DomainSnapshotRef snapshotCurrent(DomainRef dom) {
        return Refs.snap(rpc.call(DOMAIN_SNAPSHOT_CURRENT, new RemoteDomainSnapshotCurrentArgs(Refs.wire(dom), 0))
                .snap());
    }

    @Override
    public DomainSnapshotRef snapshotGetParent(DomainSnapshotRef snap) {
        return Refs.snap(rpc.call(DOMAIN_SNAPSHOT_GET_PARENT, new RemoteDomainSnapshotGetParentArgs(Refs.wire(snap),
                0)).snap());
    }

    @Override
    public String snapshotGetXMLDesc(DomainSnapshotRef snap, Set<SnapshotXMLFlag> flags) {
        return rpc.call(DOMAIN_SNAPSHOT_GET_XML_DESC, new RemoteDomainSnapshotGetXmlDescArgs(Refs.wire(snap),
                Flags.toBits(flags))).xml();
    }

    @Override
    public boolean snapshotIsCurrent(DomainSnapshotRef snap) {
        return Refs.bool(rpc.call(DOMAIN_SNAPSHOT_IS_CURRENT, new RemoteDomainSnapshotIsCurrentArgs(Refs.wire(snap),
                0)).current());
    }

    @Override
    public boolean snapshotHasMetadata(DomainSnapshotRef snap) {
        return Refs.bool(rpc.call(DOMAIN_SNAPSHOT_HAS_METADATA, new RemoteDomainSnapshotHasMetadataArgs(
                Refs.wire(snap), 0)).metadata());
    }

    @Override
    public void revertToSnapshot(DomainSnapshotRef snap, Set<SnapshotRevertFlag> flags) {
        rpc.call(DOMAIN_REVERT_TO_SNAPSHOT, new RemoteDomainRevertToSnapshotArgs(Refs.wire(snap),
                Flags.toBits(flags)));
    }

    @Override
    public void snapshotDelete(DomainSnapshotRef snap, Set<SnapshotDeleteFlag> flags) {
        rpc.call(DOMAIN_SNAPSHOT_DELETE, new RemoteDomainSnapshotDeleteArgs(Refs.wire(snap), Flags.toBits(flags)));
    }
}
