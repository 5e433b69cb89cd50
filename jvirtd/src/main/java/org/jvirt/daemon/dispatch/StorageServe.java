package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.rpc.proto.remote.StoragePoolProcedures.*;
import static org.jvirt.rpc.proto.remote.StorageVolProcedures.*;
import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_FIND_STORAGE_POOL_SOURCES;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_STORAGE_POOL_CAPABILITIES;

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

/** Storage pools and volumes (the streams of upload/download are in the stream package). */
final class StorageServe {

    private static final int LIST_MAX = 16384;

    private StorageServe() {
    }

    static void register(DispatchTable t) {
        registerPools(t);
        registerPoolState(t);
        registerVolumes(t);
    }

    private static void registerPools(DispatchTable t) {
        t.on(CONNECT_LIST_ALL_STORAGE_POOLS, (c, a) -> {
            List<StoragePool> all = c.conn().listAllStoragePools(c.flags(ListStoragePoolsFlag.class, a.flags()));
            return new RemoteConnectListAllStoragePoolsRet(results(a.needResults(),
                    all.stream().map(Wire::pool).toList()), all.size());
        });
        t.on(CONNECT_NUM_OF_STORAGE_POOLS, (c, a) -> new RemoteConnectNumOfStoragePoolsRet(c.conn().numOfStoragePools()));
        t.on(CONNECT_LIST_STORAGE_POOLS, (c, a) -> new RemoteConnectListStoragePoolsRet(
                c.limit(c.conn().listStoragePools(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(CONNECT_NUM_OF_DEFINED_STORAGE_POOLS, (c, a) ->
                new RemoteConnectNumOfDefinedStoragePoolsRet(c.conn().numOfDefinedStoragePools()));
        t.on(CONNECT_LIST_DEFINED_STORAGE_POOLS, (c, a) -> new RemoteConnectListDefinedStoragePoolsRet(
                c.limit(c.conn().listDefinedStoragePools(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(CONNECT_FIND_STORAGE_POOL_SOURCES, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteConnectFindStoragePoolSourcesRet(
                    c.conn().findStoragePoolSources(a.type(), a.srcSpec()));
        });
        t.on(CONNECT_GET_STORAGE_POOL_CAPABILITIES, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteConnectGetStoragePoolCapabilitiesRet(c.conn().getStoragePoolCapabilities());
        });
        t.on(STORAGE_POOL_LOOKUP_BY_NAME, (c, a) ->
                new RemoteStoragePoolLookupByNameRet(Wire.pool(c.conn().storagePoolLookupByName(a.name()))));
        t.on(STORAGE_POOL_LOOKUP_BY_UUID, (c, a) ->
                new RemoteStoragePoolLookupByUuidRet(Wire.pool(c.conn().storagePoolLookupByUUID(a.uuid()))));
        t.on(STORAGE_POOL_LOOKUP_BY_VOLUME, (c, a) ->
                new RemoteStoragePoolLookupByVolumeRet(Wire.pool(Wire.vol(c.conn(), a.vol()).getPool())));
        t.on(STORAGE_POOL_CREATE_XML, (c, a) -> new RemoteStoragePoolCreateXmlRet(Wire.pool(
                c.conn().storagePoolCreateXML(a.xml(), c.flags(StoragePoolCreateFlag.class, a.flags())))));
        t.on(STORAGE_POOL_DEFINE_XML, (c, a) -> new RemoteStoragePoolDefineXmlRet(Wire.pool(
                c.conn().storagePoolDefineXML(a.xml(), c.flags(StoragePoolDefineFlag.class, a.flags())))));
        t.on(STORAGE_POOL_CREATE, (c, a) -> {
            Wire.pool(c.conn(), a.pool()).create(c.flags(StoragePoolCreateFlag.class, a.flags()));
            return null;
        });
        t.on(STORAGE_POOL_BUILD, (c, a) -> {
            Wire.pool(c.conn(), a.pool()).build(c.flags(StoragePoolBuildFlag.class, a.flags()));
            return null;
        });
        t.on(STORAGE_POOL_DESTROY, (c, a) -> {
            Wire.pool(c.conn(), a.pool()).destroy();
            return null;
        });
        t.on(STORAGE_POOL_DELETE, (c, a) -> {
            Wire.pool(c.conn(), a.pool()).delete(c.flags(StoragePoolDeleteFlag.class, a.flags()));
            return null;
        });
        t.on(STORAGE_POOL_UNDEFINE, (c, a) -> {
            Wire.pool(c.conn(), a.pool()).undefine();
            return null;
        });
        t.on(STORAGE_POOL_REFRESH, (c, a) -> {
            c.noFlags(a.flags());
            Wire.pool(c.conn(), a.pool()).refresh();
            return null;
        });
    }

    private static void registerPoolState(DispatchTable t) {
        t.on(STORAGE_POOL_GET_INFO, (c, a) -> {
            StoragePoolInfo i = Wire.pool(c.conn(), a.pool()).getInfo();
            return new RemoteStoragePoolGetInfoRet(i.state().code(), i.capacity(), i.allocation(), i.available());
        });
        t.on(STORAGE_POOL_GET_XML_DESC, (c, a) -> new RemoteStoragePoolGetXmlDescRet(
                Wire.pool(c.conn(), a.pool()).getXMLDesc(c.flags(StorageXMLFlag.class, a.flags()))));
        t.on(STORAGE_POOL_GET_AUTOSTART, (c, a) ->
                new RemoteStoragePoolGetAutostartRet(bool(Wire.pool(c.conn(), a.pool()).getAutostart())));
        t.on(STORAGE_POOL_SET_AUTOSTART, (c, a) -> {
            Wire.pool(c.conn(), a.pool()).setAutostart(a.autostart() != 0);
            return null;
        });
        t.on(STORAGE_POOL_IS_ACTIVE, (c, a) ->
                new RemoteStoragePoolIsActiveRet(bool(Wire.pool(c.conn(), a.pool()).isActive())));
        t.on(STORAGE_POOL_IS_PERSISTENT, (c, a) ->
                new RemoteStoragePoolIsPersistentRet(bool(Wire.pool(c.conn(), a.pool()).isPersistent())));
        t.on(STORAGE_POOL_NUM_OF_VOLUMES, (c, a) ->
                new RemoteStoragePoolNumOfVolumesRet(Wire.pool(c.conn(), a.pool()).numOfVolumes()));
        t.on(STORAGE_POOL_LIST_VOLUMES, (c, a) -> new RemoteStoragePoolListVolumesRet(
                c.limit(Wire.pool(c.conn(), a.pool()).listVolumes(), a.maxnames(), LIST_MAX, "maxnames")));
        t.on(STORAGE_POOL_LIST_ALL_VOLUMES, (c, a) -> {
            c.noFlags(a.flags());
            List<StorageVol> all = Wire.pool(c.conn(), a.pool()).listAllVolumes();
            return new RemoteStoragePoolListAllVolumesRet(results(a.needResults(),
                    all.stream().map(Wire::vol).toList()), all.size());
        });
    }

    private static void registerVolumes(DispatchTable t) {
        t.on(STORAGE_VOL_LOOKUP_BY_NAME, (c, a) -> new RemoteStorageVolLookupByNameRet(
                Wire.vol(Wire.pool(c.conn(), a.pool()).storageVolLookupByName(a.name()))));
        t.on(STORAGE_VOL_LOOKUP_BY_KEY, (c, a) ->
                new RemoteStorageVolLookupByKeyRet(Wire.vol(c.conn().storageVolLookupByKey(a.key()))));
        t.on(STORAGE_VOL_LOOKUP_BY_PATH, (c, a) ->
                new RemoteStorageVolLookupByPathRet(Wire.vol(c.conn().storageVolLookupByPath(a.path()))));
        t.on(STORAGE_VOL_CREATE_XML, (c, a) -> new RemoteStorageVolCreateXmlRet(Wire.vol(Wire.pool(c.conn(), a.pool())
                .storageVolCreateXML(a.xml(), c.flags(StorageVolCreateFlag.class, a.flags())))));
        t.on(STORAGE_VOL_CREATE_XML_FROM, (c, a) -> new RemoteStorageVolCreateXmlFromRet(Wire.vol(
                Wire.pool(c.conn(), a.pool()).storageVolCreateXMLFrom(a.xml(), Wire.vol(c.conn(), a.clonevol()),
                        c.flags(StorageVolCreateFlag.class, a.flags())))));
        t.on(STORAGE_VOL_DELETE, (c, a) -> {
            Wire.vol(c.conn(), a.vol()).delete(c.flags(StorageVolDeleteFlag.class, a.flags()));
            return null;
        });
        t.on(STORAGE_VOL_WIPE, (c, a) -> {
            c.noFlags(a.flags());
            Wire.vol(c.conn(), a.vol()).wipe(StorageVolWipeAlgorithm.ZERO);
            return null;
        });
        t.on(STORAGE_VOL_WIPE_PATTERN, (c, a) -> {
            c.noFlags(a.flags());
            StorageVolWipeAlgorithm alg = StorageVolWipeAlgorithm.fromCode(a.algorithm(), null);
            if (alg == null) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "wiping algorithm %d not supported", a.algorithm());
            }
            Wire.vol(c.conn(), a.vol()).wipe(alg);
            return null;
        });
        t.on(STORAGE_VOL_RESIZE, (c, a) -> {
            Wire.vol(c.conn(), a.vol()).resize(a.capacity(), c.flags(StorageVolResizeFlag.class, a.flags()));
            return null;
        });
        t.on(STORAGE_VOL_GET_INFO, (c, a) -> {
            StorageVolInfo i = Wire.vol(c.conn(), a.vol()).getInfo();
            return new RemoteStorageVolGetInfoRet(i.type().code(), i.capacity(), i.allocation());
        });
        t.on(STORAGE_VOL_GET_INFO_FLAGS, (c, a) -> {
            StorageVolInfo i = Wire.vol(c.conn(), a.vol()).getInfo(
                    c.flags(org.jvirt.flags.StorageVolInfoFlag.class, a.flags()));
            return new RemoteStorageVolGetInfoFlagsRet(i.type().code(), i.capacity(), i.allocation());
        });
        t.on(STORAGE_VOL_GET_XML_DESC, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteStorageVolGetXmlDescRet(Wire.vol(c.conn(), a.vol()).getXMLDesc());
        });
        t.on(STORAGE_VOL_GET_PATH, (c, a) -> new RemoteStorageVolGetPathRet(Wire.vol(c.conn(), a.vol()).getPath()));
    }
}
