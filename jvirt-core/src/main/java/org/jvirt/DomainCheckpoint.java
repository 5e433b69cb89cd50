package org.jvirt;

import java.util.List;
import java.util.Set;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.spi.DomainCheckpointRef;

/**
 * A checkpoint of a domain (libvirt's virDomainCheckpoint), named by its domain and its name: the point in time
 * from which an incremental backup copies the blocks written since (a dirty bitmap per disk).
 */
public final class DomainCheckpoint {

    private final Domain domain;
    private final DomainCheckpointRef ref;

    DomainCheckpoint(Domain domain, DomainCheckpointRef ref) {
        this.domain = domain;
        this.ref = ref;
    }

    public DomainCheckpointRef ref() {
        return ref;
    }

    @Libvirt("virDomainCheckpointGetDomain")
    public Domain getDomain() {
        return domain;
    }

    @Libvirt("virDomainCheckpointGetConnect")
    public Connect getConnect() {
        return domain.getConnect();
    }

    @Libvirt("virDomainCheckpointGetName")
    public String getName() {
        return ref.name();
    }

    private Connect c() {
        return domain.getConnect();
    }

    @Libvirt("virDomainCheckpointGetXMLDesc")
    public String getXMLDesc(CheckpointXMLFlag... flags) {
        Set<CheckpointXMLFlag> set = Flags.setOf(CheckpointXMLFlag.class, flags);
        if (c().isReadOnly() && set.contains(CheckpointXMLFlag.SECURE)) {
            throw VirtException.of(ErrorDomain.DOMAIN_CHECKPOINT, ErrorNumber.OPERATION_DENIED,
                    "virDomainCheckpointGetXMLDesc with secure flag");
        }
        return c().checkpoints.checkpointGetXMLDesc(ref, set);
    }

    @Libvirt("virDomainCheckpointGetParent")
    public DomainCheckpoint getParent() {
        return new DomainCheckpoint(domain, c().checkpoints.checkpointGetParent(ref));
    }

    @Libvirt("virDomainCheckpointListAllChildren")
    public List<DomainCheckpoint> listAllChildren(CheckpointListFlag... flags) {
        return Connect.wrapAll(c().checkpoints.checkpointListAllChildren(ref,
                Flags.setOf(CheckpointListFlag.class, flags)), r -> new DomainCheckpoint(domain, r));
    }

    @Libvirt("virDomainCheckpointDelete")
    public void delete(CheckpointDeleteFlag... flags) {
        c().checkWritable("virDomainCheckpointDelete", ErrorDomain.DOMAIN_CHECKPOINT);
        Set<CheckpointDeleteFlag> set = Flags.setOf(CheckpointDeleteFlag.class, flags);
        ArgChecks.exclusiveFlags(set, CheckpointDeleteFlag.CHILDREN, "VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN",
                CheckpointDeleteFlag.CHILDREN_ONLY, "VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY",
                ErrorDomain.DOMAIN_CHECKPOINT, "virDomainCheckpointDelete");
        c().checkpoints.checkpointDelete(ref, set);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainCheckpoint s && s.domain.equals(domain) && s.ref.name().equals(ref.name());
    }

    @Override
    public int hashCode() {
        return domain.hashCode() * 31 + ref.name().hashCode();
    }

    @Override
    public String toString() {
        return "DomainCheckpoint[" + ref.domain().name() + "/" + ref.name() + "]";
    }
}
