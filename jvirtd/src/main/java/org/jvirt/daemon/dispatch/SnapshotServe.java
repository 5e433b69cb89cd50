package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.DomainSnapshotProcedures.*;

import java.util.List;

import org.jvirt.*;
import org.jvirt.flags.*;
import org.jvirt.rpc.proto.remote.AuthTypes.*;
import org.jvirt.rpc.proto.remote.CommonTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes2.*;
import org.jvirt.rpc.proto.remote.ConnectTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes2.*;
import org.jvirt.rpc.proto.remote.DomainSnapshotTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes2.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.*;
import org.jvirt.rpc.proto.remote.DomainTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes2.*;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.*;
import org.jvirt.rpc.proto.remote.EventTypes.*;
import org.jvirt.rpc.proto.remote.InterfaceTypes.*;
import org.jvirt.rpc.proto.remote.NWFilterTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes2.*;
import org.jvirt.rpc.proto.remote.NodeTypes.*;
import org.jvirt.rpc.proto.remote.SecretTypes.*;
import org.jvirt.rpc.proto.remote.StoragePoolTypes.*;
import org.jvirt.rpc.proto.remote.StorageVolTypes.*;

/** Domain snapshots: create, look up, list (old name lists and list-all), current, parent, revert, delete. */
final class SnapshotServe {

    private static final int LIST_MAX = 16384;

    private SnapshotServe() {
    }

    static void register(DispatchTable t) {
        t.on(DOMAIN_SNAPSHOT_CREATE_XML, (c, a) -> new RemoteDomainSnapshotCreateXmlRet(Wire.snap(
                Wire.dom(c.conn(), a.dom()).snapshotCreateXML(a.xmlDesc(), c.flags(SnapshotCreateFlag.class,
                        a.flags())))));
        t.on(DOMAIN_SNAPSHOT_GET_XML_DESC, (c, a) -> new RemoteDomainSnapshotGetXmlDescRet(
                Wire.snap(c.conn(), a.snap()).getXMLDesc(c.flags(SnapshotXMLFlag.class, a.flags()))));
        t.on(DOMAIN_SNAPSHOT_NUM, (c, a) -> new RemoteDomainSnapshotNumRet(
                Wire.dom(c.conn(), a.dom()).listAllSnapshots(c.flags(SnapshotListFlag.class, a.flags())).size()));
        t.on(DOMAIN_SNAPSHOT_LIST_NAMES, (c, a) -> new RemoteDomainSnapshotListNamesRet(c.limit(
                names(Wire.dom(c.conn(), a.dom()).listAllSnapshots(c.flags(SnapshotListFlag.class, a.flags()))),
                a.maxnames(), LIST_MAX, "maxnames")));
        t.on(DOMAIN_LIST_ALL_SNAPSHOTS, (c, a) -> {
            List<DomainSnapshot> all = Wire.dom(c.conn(), a.dom())
                    .listAllSnapshots(c.flags(SnapshotListFlag.class, a.flags()));
            return new RemoteDomainListAllSnapshotsRet(results(a.needResults(),
                    all.stream().map(Wire::snap).toList()), all.size());
        });
        t.on(DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainSnapshotLookupByNameRet(
                    Wire.snap(Wire.dom(c.conn(), a.dom()).snapshotLookupByName(a.name())));
        });
        t.on(DOMAIN_HAS_CURRENT_SNAPSHOT, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainHasCurrentSnapshotRet(bool(Wire.dom(c.conn(), a.dom()).hasCurrentSnapshot()));
        });
        t.on(DOMAIN_SNAPSHOT_CURRENT, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainSnapshotCurrentRet(Wire.snap(Wire.dom(c.conn(), a.dom()).snapshotCurrent()));
        });
        t.on(DOMAIN_SNAPSHOT_GET_PARENT, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainSnapshotGetParentRet(Wire.snap(Wire.snap(c.conn(), a.snap()).getParent()));
        });
        t.on(DOMAIN_SNAPSHOT_NUM_CHILDREN, (c, a) -> new RemoteDomainSnapshotNumChildrenRet(
                Wire.snap(c.conn(), a.snap()).listAllChildren(c.flags(SnapshotListFlag.class, a.flags())).size()));
        t.on(DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES, (c, a) -> new RemoteDomainSnapshotListChildrenNamesRet(c.limit(
                names(Wire.snap(c.conn(), a.snap()).listAllChildren(c.flags(SnapshotListFlag.class, a.flags()))),
                a.maxnames(), LIST_MAX, "maxnames")));
        t.on(DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, (c, a) -> {
            List<DomainSnapshot> all = Wire.snap(c.conn(), a.snapshot())
                    .listAllChildren(c.flags(SnapshotListFlag.class, a.flags()));
            return new RemoteDomainSnapshotListAllChildrenRet(results(a.needResults(),
                    all.stream().map(Wire::snap).toList()), all.size());
        });
        t.on(DOMAIN_SNAPSHOT_IS_CURRENT, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainSnapshotIsCurrentRet(bool(Wire.snap(c.conn(), a.snap()).isCurrent()));
        });
        t.on(DOMAIN_SNAPSHOT_HAS_METADATA, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainSnapshotHasMetadataRet(bool(Wire.snap(c.conn(), a.snap()).hasMetadata()));
        });
        t.on(DOMAIN_REVERT_TO_SNAPSHOT, (c, a) -> {
            Wire.snap(c.conn(), a.snap()).revert(c.flags(SnapshotRevertFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_SNAPSHOT_DELETE, (c, a) -> {
            Wire.snap(c.conn(), a.snap()).delete(c.flags(SnapshotDeleteFlag.class, a.flags()));
            return null;
        });
    }

    private static List<String> names(List<DomainSnapshot> snaps) {
        return snaps.stream().map(DomainSnapshot::getName).toList();
    }
}
