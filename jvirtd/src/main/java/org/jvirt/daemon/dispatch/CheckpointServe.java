package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.DomainCheckpointProcedures.*;

import java.util.List;

import org.jvirt.DomainCheckpoint;
import org.jvirt.flags.BackupBeginFlag;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.rpc.proto.remote.DomainCheckpointTypes.*;

/** Domain checkpoints (create, look up, list, parent, XML, delete) and the backup job that reads them. */
final class CheckpointServe {

    private CheckpointServe() {
    }

    static void register(DispatchTable t) {
        t.on(DOMAIN_CHECKPOINT_CREATE_XML, (c, a) -> new RemoteDomainCheckpointCreateXmlRet(Wire.checkpoint(
                Wire.dom(c.conn(), a.dom()).checkpointCreateXML(a.xmlDesc(),
                        c.flags(CheckpointCreateFlag.class, a.flags())))));
        t.on(DOMAIN_CHECKPOINT_GET_XML_DESC, (c, a) -> new RemoteDomainCheckpointGetXmlDescRet(
                Wire.checkpoint(c.conn(), a.checkpoint()).getXMLDesc(c.flags(CheckpointXMLFlag.class, a.flags()))));
        t.on(DOMAIN_LIST_ALL_CHECKPOINTS, (c, a) -> {
            List<DomainCheckpoint> all = Wire.dom(c.conn(), a.dom())
                    .listAllCheckpoints(c.flags(CheckpointListFlag.class, a.flags()));
            return new RemoteDomainListAllCheckpointsRet(results(a.needResults(),
                    all.stream().map(Wire::checkpoint).toList()), all.size());
        });
        t.on(DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN, (c, a) -> {
            List<DomainCheckpoint> all = Wire.checkpoint(c.conn(), a.checkpoint())
                    .listAllChildren(c.flags(CheckpointListFlag.class, a.flags()));
            return new RemoteDomainCheckpointListAllChildrenRet(results(a.needResults(),
                    all.stream().map(Wire::checkpoint).toList()), all.size());
        });
        t.on(DOMAIN_CHECKPOINT_LOOKUP_BY_NAME, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainCheckpointLookupByNameRet(
                    Wire.checkpoint(Wire.dom(c.conn(), a.dom()).checkpointLookupByName(a.name())));
        });
        t.on(DOMAIN_CHECKPOINT_GET_PARENT, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainCheckpointGetParentRet(
                    Wire.checkpoint(Wire.checkpoint(c.conn(), a.checkpoint()).getParent()));
        });
        t.on(DOMAIN_CHECKPOINT_DELETE, (c, a) -> {
            Wire.checkpoint(c.conn(), a.checkpoint()).delete(c.flags(CheckpointDeleteFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_BACKUP_BEGIN, (c, a) -> {
            Wire.dom(c.conn(), a.dom()).backupBegin(a.backupXml(), a.checkpointXml(),
                    c.flags(BackupBeginFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_BACKUP_GET_XML_DESC, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainBackupGetXmlDescRet(Wire.dom(c.conn(), a.dom()).backupGetXMLDesc());
        });
    }
}
