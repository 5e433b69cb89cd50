package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.VirtException;
import org.jvirt.flags.BackupBeginFlag;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;

/**
 * The checkpoint and backup part of a hypervisor driver: libvirt's virDomainCheckpoint* entry points and the
 * backup job that reads them (virDomainBackup*). A checkpoint marks a point in time from which an incremental
 * backup copies only what changed; the two belong together as they do in libvirt's qemu_checkpoint/qemu_backup.
 */
public interface DomainCheckpointDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.DOMAIN_CHECKPOINT, function);
    }

    @Libvirt("virDomainCheckpointCreateXML")
    default DomainCheckpointRef checkpointCreateXML(DomainRef dom, String xml, Set<CheckpointCreateFlag> flags) {
        throw unsupported("virDomainCheckpointCreateXML");
    }

    @Libvirt("virDomainListAllCheckpoints")
    default List<DomainCheckpointRef> listAllCheckpoints(DomainRef dom, Set<CheckpointListFlag> flags) {
        throw unsupported("virDomainListAllCheckpoints");
    }

    @Libvirt("virDomainCheckpointListAllChildren")
    default List<DomainCheckpointRef> checkpointListAllChildren(DomainCheckpointRef chk,
                                                                Set<CheckpointListFlag> flags) {
        throw unsupported("virDomainCheckpointListAllChildren");
    }

    @Libvirt("virDomainCheckpointLookupByName")
    default DomainCheckpointRef checkpointLookupByName(DomainRef dom, String name) {
        throw unsupported("virDomainCheckpointLookupByName");
    }

    @Libvirt("virDomainCheckpointGetParent")
    default DomainCheckpointRef checkpointGetParent(DomainCheckpointRef chk) {
        throw unsupported("virDomainCheckpointGetParent");
    }

    @Libvirt("virDomainCheckpointGetXMLDesc")
    default String checkpointGetXMLDesc(DomainCheckpointRef chk, Set<CheckpointXMLFlag> flags) {
        throw unsupported("virDomainCheckpointGetXMLDesc");
    }

    @Libvirt("virDomainCheckpointDelete")
    default void checkpointDelete(DomainCheckpointRef chk, Set<CheckpointDeleteFlag> flags) {
        throw unsupported("virDomainCheckpointDelete");
    }

    /** Starts a backup job; {@code checkpointXml} (may be null) names a checkpoint created at its start. */
    @Libvirt("virDomainBackupBegin")
    default void backupBegin(DomainRef dom, String backupXml, String checkpointXml, Set<BackupBeginFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBackupBegin");
    }

    @Libvirt("virDomainBackupGetXMLDesc")
    default String backupGetXMLDesc(DomainRef dom) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBackupGetXMLDesc");
    }
}
