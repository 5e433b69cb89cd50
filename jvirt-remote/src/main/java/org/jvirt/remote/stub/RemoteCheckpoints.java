package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.DomainCheckpointProcedures.*;

import java.util.List;
import java.util.Set;
import org.jvirt.Flags;
import org.jvirt.flags.BackupBeginFlag;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomainCheckpoint;
import org.jvirt.rpc.proto.remote.DomainCheckpointTypes.*;
import org.jvirt.spi.DomainCheckpointDriver;
import org.jvirt.spi.DomainCheckpointRef;
import org.jvirt.spi.DomainRef;

/** virDomainCheckpoint* and virDomainBackup* over the wire. */
public final class RemoteCheckpoints implements DomainCheckpointDriver {

    private final Rpc rpc;

    public RemoteCheckpoints(Rpc rpc) {
        this.rpc = rpc;
    }

    static DomainCheckpointRef ref(RemoteNonnullDomainCheckpoint k) {
        return new DomainCheckpointRef(Refs.dom(k.dom()), k.name());
    }

    static RemoteNonnullDomainCheckpoint wire(DomainCheckpointRef k) {
        return new RemoteNonnullDomainCheckpoint(k.name(), Refs.wire(k.domain()));
    }

    @Override
    public DomainCheckpointRef checkpointCreateXML(DomainRef dom, String xml, Set<CheckpointCreateFlag> flags) {
        return ref(rpc.call(DOMAIN_CHECKPOINT_CREATE_XML, new RemoteDomainCheckpointCreateXmlArgs(Refs.wire(dom),
                xml, Flags.toBits(flags))).checkpoint());
    }

    @Override
    public List<DomainCheckpointRef> listAllCheckpoints(DomainRef dom, Set<CheckpointListFlag> flags) {
        return Refs.map(rpc.call(DOMAIN_LIST_ALL_CHECKPOINTS, new RemoteDomainListAllCheckpointsArgs(Refs.wire(dom),
                1, Flags.toBits(flags))).checkpoints(), RemoteCheckpoints::ref);
    }

    @Override
    public List<DomainCheckpointRef> checkpointListAllChildren(DomainCheckpointRef chk,
                                                               Set<CheckpointListFlag> flags) {
        return Refs.map(rpc.call(DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN, new RemoteDomainCheckpointListAllChildrenArgs(
                wire(chk), 1, Flags.toBits(flags))).checkpoints(), RemoteCheckpoints::ref);
    }

    @Override
    public DomainCheckpointRef checkpointLookupByName(DomainRef dom, String name) {
        return ref(rpc.call(DOMAIN_CHECKPOINT_LOOKUP_BY_NAME, new RemoteDomainCheckpointLookupByNameArgs(
                Refs.wire(dom), name, 0)).checkpoint());
    }

    @Override
    public DomainCheckpointRef checkpointGetParent(DomainCheckpointRef chk) {
        return ref(rpc.call(DOMAIN_CHECKPOINT_GET_PARENT, new RemoteDomainCheckpointGetParentArgs(wire(chk), 0))
                .parent());
    }

    @Override
    public String checkpointGetXMLDesc(DomainCheckpointRef chk, Set<CheckpointXMLFlag> flags) {
        return rpc.call(DOMAIN_CHECKPOINT_GET_XML_DESC, new RemoteDomainCheckpointGetXmlDescArgs(wire(chk),
                Flags.toBits(flags))).xml();
    }

    @Override
    public void checkpointDelete(DomainCheckpointRef chk, Set<CheckpointDeleteFlag> flags) {
        rpc.call(DOMAIN_CHECKPOINT_DELETE, new RemoteDomainCheckpointDeleteArgs(wire(chk), Flags.toBits(flags)));
    }

    @Override
    public void backupBegin(DomainRef dom, String backupXml, String checkpointXml, Set<BackupBeginFlag> flags) {
        rpc.call(DOMAIN_BACKUP_BEGIN, new RemoteDomainBackupBeginArgs(Refs.wire(dom), backupXml, checkpointXml,
                Flags.toBits(flags)));
    }

    @Override
    public String backupGetXMLDesc(DomainRef dom) {
        return rpc.call(DOMAIN_BACKUP_GET_XML_DESC, new RemoteDomainBackupGetXmlDescArgs(Refs.wire(dom), 0)).xml();
    }
}
