package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_FIND_STORAGE_POOL_SOURCES;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_STORAGE_POOL_CAPABILITIES;
import static org.jvirt.rpc.proto.remote.StoragePoolProcedures.*;
import static org.jvirt.rpc.proto.remote.StorageVolProcedures.*;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.Flags;
import org.jvirt.Stream;
import org.jvirt.StoragePoolInfo;
import org.jvirt.StoragePoolState;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolType;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.flags.ListStoragePoolsFlag;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StoragePoolDefineFlag;
import org.jvirt.flags.StoragePoolDeleteFlag;
import org.jvirt.flags.StorageVolCreateFlag;
import org.jvirt.flags.StorageVolDeleteFlag;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolResizeFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.flags.StorageXMLFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.remote.client.StreamChannel;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectTypes.*;
import org.jvirt.rpc.proto.remote.StoragePoolTypes.*;
import org.jvirt.rpc.proto.remote.StorageVolTypes.*;
import org.jvirt.spi.StorageDriver;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.spi.StorageVolRef;

/** virStoragePool* and virStorageVol* over the wire, including the upload/download streams. */
public final class RemoteStorage implements StorageDriver {

    private static final int LIST_MAX = 16384;

    private final Rpc rpc;

    public RemoteStorage(Rpc rpc) {
        this.rpc = rpc;
    }

    // ---- pools

    @Override
    public List<StoragePoolRef> listAllStoragePools(Set<ListStoragePoolsFlag> flags) {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_STORAGE_POOLS, new RemoteConnectListAllStoragePoolsArgs(1,
                Flags.toBits(flags))).pools(), Refs::pool);
    }

    @Override
    public int numOfStoragePools() {
        return rpc.call(CONNECT_NUM_OF_STORAGE_POOLS, null).num();
    }

    @Override
    public List<String> listStoragePools() {
        return rpc.call(CONNECT_LIST_STORAGE_POOLS, new RemoteConnectListStoragePoolsArgs(LIST_MAX)).names();
    }

    @Override
    public int numOfDefinedStoragePools() {
        return rpc.call(CONNECT_NUM_OF_DEFINED_STORAGE_POOLS, null).num();
    }

    @Override
    public List<String> listDefinedStoragePools() {
        return rpc.call(CONNECT_LIST_DEFINED_STORAGE_POOLS, new RemoteConnectListDefinedStoragePoolsArgs(LIST_MAX))
                .names();
    }

    @Override
    public String getStoragePoolCapabilities() {
        return rpc.call(CONNECT_GET_STORAGE_POOL_CAPABILITIES, new RemoteConnectGetStoragePoolCapabilitiesArgs(0))
                .capabilities();
    }

    @Override
    public String findStoragePoolSources(String type, String srcSpec) {
        return rpc.call(CONNECT_FIND_STORAGE_POOL_SOURCES, new RemoteConnectFindStoragePoolSourcesArgs(type, srcSpec,
                0)).xml();
    }

    @Override
    public StoragePoolRef poolLookupByName(String name) {
        return Refs.pool(rpc.call(STORAGE_POOL_LOOKUP_BY_NAME, new RemoteStoragePoolLookupByNameArgs(name)).pool());
    }

    @Override
    public StoragePoolRef poolLookupByUUID(UUID uuid) {
        return Refs.pool(rpc.call(STORAGE_POOL_LOOKUP_BY_UUID, new RemoteStoragePoolLookupByUuidArgs(uuid)).pool());
    }

    @Override
    public StoragePoolRef poolLookupByVolume(StorageVolRef vol) {
        return Refs.pool(rpc.call(STORAGE_POOL_LOOKUP_BY_VOLUME, new RemoteStoragePoolLookupByVolumeArgs(
                Refs.wire(vol))).pool());
    }

    @Override
    public StoragePoolRef poolCreateXML(String xml, Set<StoragePoolCreateFlag> flags) {
        return Refs.pool(rpc.call(STORAGE_POOL_CREATE_XML, new RemoteStoragePoolCreateXmlArgs(xml,
                Flags.toBits(flags))).pool());
    }

    @Override
    public StoragePoolRef poolDefineXML(String xml, Set<StoragePoolDefineFlag> flags) {
        return Refs.pool(rpc.call(STORAGE_POOL_DEFINE_XML, new RemoteStoragePoolDefineXmlArgs(xml,
                Flags.toBits(flags))).pool());
    }

    @Override
    public void poolBuild(StoragePoolRef pool, Set<StoragePoolBuildFlag> flags) {
        rpc.call(STORAGE_POOL_BUILD, new RemoteStoragePoolBuildArgs(Refs.wire(pool), Flags.toBits(flags)));
    }

    @Override
    public void poolUndefine(StoragePoolRef pool) {
        rpc.call(STORAGE_POOL_UNDEFINE, new RemoteStoragePoolUndefineArgs(Refs.wire(pool)));
    }

    @Override
    public void poolCreate(StoragePoolRef pool, Set<StoragePoolCreateFlag> flags) {
        rpc.call(STORAGE_POOL_CREATE, new RemoteStoragePoolCreateArgs(Refs.wire(pool), Flags.toBits(flags)));
    }

    @Override
    public void poolDestroy(StoragePoolRef pool) {
        rpc.call(STORAGE_POOL_DESTROY, new RemoteStoragePoolDestroyArgs(Refs.wire(pool)));
    }

    @Override
    public void poolDelete(StoragePoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        rpc.call(STORAGE_POOL_DELETE, new RemoteStoragePoolDeleteArgs(Refs.wire(pool), Flags.toBits(flags)));
    }

    @Override
    public void poolRefresh(StoragePoolRef pool) {
        rpc.call(STORAGE_POOL_REFRESH, new RemoteStoragePoolRefreshArgs(Refs.wire(pool), 0));
    }

    @Override
    public StoragePoolInfo poolGetInfo(StoragePoolRef pool) {
        RemoteStoragePoolGetInfoRet r = rpc.call(STORAGE_POOL_GET_INFO, new RemoteStoragePoolGetInfoArgs(
                Refs.wire(pool)));
        return new StoragePoolInfo(StoragePoolState.fromCode(r.state(), StoragePoolState.INACTIVE), r.capacity(),
                r.allocation(), r.available());
    }

    @Override
    public String poolGetXMLDesc(StoragePoolRef pool, Set<StorageXMLFlag> flags) {
        return rpc.call(STORAGE_POOL_GET_XML_DESC, new RemoteStoragePoolGetXmlDescArgs(Refs.wire(pool),
                Flags.toBits(flags))).xml();
    }

    @Override
    public boolean poolGetAutostart(StoragePoolRef pool) {
        return Refs.bool(rpc.call(STORAGE_POOL_GET_AUTOSTART, new RemoteStoragePoolGetAutostartArgs(
                Refs.wire(pool))).autostart());
    }

    @Override
    public void poolSetAutostart(StoragePoolRef pool, boolean autostart) {
        rpc.call(STORAGE_POOL_SET_AUTOSTART, new RemoteStoragePoolSetAutostartArgs(Refs.wire(pool),
                Refs.bit(autostart)));
    }

    @Override
    public boolean poolIsActive(StoragePoolRef pool) {
        return Refs.bool(rpc.call(STORAGE_POOL_IS_ACTIVE, new RemoteStoragePoolIsActiveArgs(Refs.wire(pool)))
                .active());
    }

    @Override
    public boolean poolIsPersistent(StoragePoolRef pool) {
        return Refs.bool(rpc.call(STORAGE_POOL_IS_PERSISTENT, new RemoteStoragePoolIsPersistentArgs(
                Refs.wire(pool))).persistent());
    }

    @Override
    public int poolNumOfVolumes(StoragePoolRef pool) {
        return rpc.call(STORAGE_POOL_NUM_OF_VOLUMES, new RemoteStoragePoolNumOfVolumesArgs(Refs.wire(pool))).num();
    }

    @Override
    public List<String> poolListVolumes(StoragePoolRef pool) {
        return rpc.call(STORAGE_POOL_LIST_VOLUMES, new RemoteStoragePoolListVolumesArgs(Refs.wire(pool), LIST_MAX))
                .names();
    }

    @Override
    public List<StorageVolRef> poolListAllVolumes(StoragePoolRef pool) {
        return Refs.map(rpc.call(STORAGE_POOL_LIST_ALL_VOLUMES, new RemoteStoragePoolListAllVolumesArgs(
                Refs.wire(pool), 1, 0)).vols(), Refs::vol);
    }

    // ---- volumes

    @Override
    public StorageVolRef volLookupByName(StoragePoolRef pool, String name) {
        return Refs.vol(rpc.call(STORAGE_VOL_LOOKUP_BY_NAME, new RemoteStorageVolLookupByNameArgs(Refs.wire(pool),
                name)).vol());
    }

    @Override
    public StorageVolRef volLookupByKey(String key) {
        return Refs.vol(rpc.call(STORAGE_VOL_LOOKUP_BY_KEY, new RemoteStorageVolLookupByKeyArgs(key)).vol());
    }

    @Override
    public StorageVolRef volLookupByPath(String path) {
        return Refs.vol(rpc.call(STORAGE_VOL_LOOKUP_BY_PATH, new RemoteStorageVolLookupByPathArgs(path)).vol());
    }

    @Override
    public StorageVolRef volCreateXML(StoragePoolRef pool, String xml, Set<StorageVolCreateFlag> flags) {
        return Refs.vol(rpc.call(STORAGE_VOL_CREATE_XML, new RemoteStorageVolCreateXmlArgs(Refs.wire(pool), xml,
                Flags.toBits(flags))).vol());
    }

    @Override
    public StorageVolRef volCreateXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clonevol,
                                         Set<StorageVolCreateFlag> flags) {
        return Refs.vol(rpc.call(STORAGE_VOL_CREATE_XML_FROM, new RemoteStorageVolCreateXmlFromArgs(Refs.wire(pool),
                xml, Refs.wire(clonevol), Flags.toBits(flags))).vol());
    }

    @Override
    public void volDelete(StorageVolRef vol, Set<StorageVolDeleteFlag> flags) {
        rpc.call(STORAGE_VOL_DELETE, new RemoteStorageVolDeleteArgs(Refs.wire(vol), Flags.toBits(flags)));
    }

    @Override
    public void volWipe(StorageVolRef vol, StorageVolWipeAlgorithm algorithm) {
        if (algorithm == null || algorithm == StorageVolWipeAlgorithm.ZERO) {
            rpc.call(STORAGE_VOL_WIPE, new RemoteStorageVolWipeArgs(Refs.wire(vol), 0));
        } else {
            rpc.call(STORAGE_VOL_WIPE_PATTERN, new RemoteStorageVolWipePatternArgs(Refs.wire(vol), algorithm.code(),
                    0));
        }
    }

    @Override
    public StorageVolInfo volGetInfo(StorageVolRef vol) {
        RemoteStorageVolGetInfoRet r = rpc.call(STORAGE_VOL_GET_INFO, new RemoteStorageVolGetInfoArgs(
                Refs.wire(vol)));
        return new StorageVolInfo(StorageVolType.fromCode(r.type(), StorageVolType.FILE), r.capacity(),
                r.allocation());
    }

    @Override
    public StorageVolInfo volGetInfoFlags(StorageVolRef vol, Set<org.jvirt.flags.StorageVolInfoFlag> flags) {
        var r = rpc.call(STORAGE_VOL_GET_INFO_FLAGS,
                new org.jvirt.rpc.proto.remote.StorageVolTypes.RemoteStorageVolGetInfoFlagsArgs(Refs.wire(vol),
                        Flags.toBits(flags)));
        return new StorageVolInfo(StorageVolType.fromCode(r.type(), StorageVolType.FILE), r.capacity(),
                r.allocation());
    }

    @Override
    public String volGetXMLDesc(StorageVolRef vol) {
        return rpc.call(STORAGE_VOL_GET_XML_DESC, new RemoteStorageVolGetXmlDescArgs(Refs.wire(vol), 0)).xml();
    }

    @Override
    public String volGetPath(StorageVolRef vol) {
        return rpc.call(STORAGE_VOL_GET_PATH, new RemoteStorageVolGetPathArgs(Refs.wire(vol))).name();
    }

    @Override
    public void volResize(StorageVolRef vol, long capacity, Set<StorageVolResizeFlag> flags) {
        rpc.call(STORAGE_VOL_RESIZE, new RemoteStorageVolResizeArgs(Refs.wire(vol), capacity, Flags.toBits(flags)));
    }

    @Override
    public void volUpload(StorageVolRef vol, Stream stream, long offset, long length,
                          Set<StorageVolUploadFlag> flags) {
        StreamChannel.Opened<Void> o = rpc.openStream(STORAGE_VOL_UPLOAD, new RemoteStorageVolUploadArgs(
                Refs.wire(vol), offset, length, Flags.toBits(flags)));
        stream.attach(new RemoteStream(o.channel(), flags.contains(StorageVolUploadFlag.SPARSE_STREAM)));
    }

    @Override
    public void volDownload(StorageVolRef vol, Stream stream, long offset, long length,
                            Set<StorageVolDownloadFlag> flags) {
        StreamChannel.Opened<Void> o = rpc.openStream(STORAGE_VOL_DOWNLOAD, new RemoteStorageVolDownloadArgs(
                Refs.wire(vol), offset, length, Flags.toBits(flags)));
        stream.attach(new RemoteStream(o.channel(), flags.contains(StorageVolDownloadFlag.SPARSE_STREAM)));
    }
}
