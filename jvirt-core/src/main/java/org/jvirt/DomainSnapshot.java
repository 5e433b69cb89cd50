package org.jvirt;

import java.util.List;
import org.jvirt.flags.SnapshotDeleteFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.flags.SnapshotRevertFlag;
import org.jvirt.flags.SnapshotXMLFlag;
import org.jvirt.spi.DomainSnapshotRef;

/** A snapshot of a domain (libvirt's virDomainSnapshot), named by its domain and its name. */
public final class DomainSnapshot {

    private final Domain domain;
    private final DomainSnapshotRef ref;

    DomainSnapshot(Domain domain, DomainSnapshotRef ref) {
        this.domain = domain;
        this.ref = ref;
    }

    public DomainSnapshotRef ref() {
        return ref;
    }

    @Libvirt("virDomainSnapshotGetDomain")
    public Domain getDomain() {
        return domain;
    }

    @Libvirt("virDomainSnapshotGetConnect")
    public Connect getConnect() {
        return domain.getConnect();
    }

    @Libvirt("virDomainSnapshotGetName")
    public String getName() {
        return ref.name();
    }

    private Connect c() {
        return domain.getConnect();
    }

    @Libvirt("virDomainSnapshotGetXMLDesc")
    public String getXMLDesc(SnapshotXMLFlag... flags) {
        return c().snapshots.snapshotGetXMLDesc(ref, Flags.setOf(SnapshotXMLFlag.class, flags));
    }

    @Libvirt("virDomainSnapshotGetParent")
    public DomainSnapshot getParent() {
        return new DomainSnapshot(domain, c().snapshots.snapshotGetParent(ref));
    }

    @Libvirt({"virDomainSnapshotListAllChildren", "virDomainSnapshotNumChildren",
        "virDomainSnapshotListChildrenNames"})
    public List<DomainSnapshot> listAllChildren(SnapshotListFlag... flags) {
        return Connect.wrapAll(c().snapshots.snapshotListAllChildren(ref, Flags.setOf(SnapshotListFlag.class, flags)),
                r -> new DomainSnapshot(domain, r));
    }

    @Libvirt("virDomainSnapshotIsCurrent")
    public boolean isCurrent() {
        return c().snapshots.snapshotIsCurrent(ref);
    }

    @Libvirt("virDomainSnapshotHasMetadata")
    public boolean hasMetadata() {
        return c().snapshots.snapshotHasMetadata(ref);
    }

    @Libvirt("virDomainRevertToSnapshot")
    public void revert(SnapshotRevertFlag... flags) {
        c().checkWritable("virDomainRevertToSnapshot", ErrorDomain.DOMAIN_SNAPSHOT);
        c().snapshots.revertToSnapshot(ref, Flags.setOf(SnapshotRevertFlag.class, flags));
    }

    @Libvirt("virDomainSnapshotDelete")
    public void delete(SnapshotDeleteFlag... flags) {
        c().checkWritable("virDomainSnapshotDelete", ErrorDomain.DOMAIN_SNAPSHOT);
        c().snapshots.snapshotDelete(ref, Flags.setOf(SnapshotDeleteFlag.class, flags));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainSnapshot s && s.domain.equals(domain) && s.ref.name().equals(ref.name());
    }

    @Override
    public int hashCode() {
        return domain.hashCode() * 31 + ref.name().hashCode();
    }

    @Override
    public String toString() {
        return "DomainSnapshot[" + ref.domain().name() + "/" + ref.name() + "]";
    }
}
