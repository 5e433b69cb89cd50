package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.VirtException;
import org.jvirt.flags.SnapshotCreateFlag;
import org.jvirt.flags.SnapshotDeleteFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.flags.SnapshotRevertFlag;
import org.jvirt.flags.SnapshotXMLFlag;

/**
 * The snapshot part of a hypervisor driver: libvirt's virDomainSnapshot* entry points.
 */
public interface DomainSnapshotDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.DOMAIN_SNAPSHOT, function);
    }

    @Libvirt("virDomainSnapshotCreateXML")
    default DomainSnapshotRef snapshotCreateXML(DomainRef dom, String xml, Set<SnapshotCreateFlag> flags) {
        throw unsupported("virDomainSnapshotCreateXML");
    }

    @Libvirt({"virDomainListAllSnapshots", "virDomainSnapshotNum", "virDomainSnapshotListNames"})
    default List<DomainSnapshotRef> listAllSnapshots(DomainRef dom, Set<SnapshotListFlag> flags) {
        throw unsupported("virDomainListAllSnapshots");
    }

    @Libvirt({"virDomainSnapshotListAllChildren", "virDomainSnapshotNumChildren", "virDomainSnapshotListChildrenNames"})
    default List<DomainSnapshotRef> snapshotListAllChildren(DomainSnapshotRef snap, Set<SnapshotListFlag> flags) {
        throw unsupported("virDomainSnapshotListAllChildren");
    }

    @Libvirt("virDomainSnapshotLookupByName")
    default DomainSnapshotRef snapshotLookupByName(DomainRef dom, String name) {
        throw unsupported("virDomainSnapshotLookupByName");
    }

    @Libvirt("virDomainHasCurrentSnapshot")
    default boolean hasCurrentSnapshot(DomainRef dom) {
        throw unsupported("virDomainHasCurrentSnapshot");
    }

    @Libvirt("virDomainSnapshotCurrent")
    default DomainSnapshotRef snapshotCurrent(DomainRef dom) {
        throw unsupported("virDomainSnapshotCurrent");
    }

    @Libvirt("virDomainSnapshotGetParent")
    default DomainSnapshotRef snapshotGetParent(DomainSnapshotRef snap) {
        throw unsupported("virDomainSnapshotGetParent");
    }

    @Libvirt("virDomainSnapshotGetXMLDesc")
    default String snapshotGetXMLDesc(DomainSnapshotRef snap, Set<SnapshotXMLFlag> flags) {
        throw unsupported("virDomainSnapshotGetXMLDesc");
    }

    @Libvirt("virDomainSnapshotIsCurrent")
    default boolean snapshotIsCurrent(DomainSnapshotRef snap) {
        throw unsupported("virDomainSnapshotIsCurrent");
    }

    @Libvirt("virDomainSnapshotHasMetadata")
    default boolean snapshotHasMetadata(DomainSnapshotRef snap) {
        throw unsupported("virDomainSnapshotHasMetadata");
    }

    @Libvirt("virDomainRevertToSnapshot")
    default void revertToSnapshot(DomainSnapshotRef snap, Set<SnapshotRevertFlag> flags) {
        throw unsupported("virDomainRevertToSnapshot");
    }

    @Libvirt("virDomainSnapshotDelete")
    default void snapshotDelete(DomainSnapshotRef snap, Set<SnapshotDeleteFlag> flags) {
        throw unsupported("virDomainSnapshotDelete");
    }
}
