package org.jvirt.driver.storage;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.StoragePoolInfo;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.Stream;
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
import org.jvirt.spi.StorageDriver;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.spi.StorageVolRef;

/**
 * The storage driver's entry-point table: each call handed to the pool or volume operations of the scope, whose
 * state is made at the first call (so a hypervisor connection that never uses storage touches no storage files).
 */
final class StorageEntryPoints implements StorageDriver {

    private final ScopeHub hub;

    StorageEntryPoints(ScopeHub hub) {
        this.hub = hub;
    }

    private PoolOps pools() {
        return hub.state().poolOps;
    }

    private VolOps vols() {
        return hub.state().volOps;
    }

    @Override
    public List<StoragePoolRef> listAllStoragePools(Set<ListStoragePoolsFlag> flags) {
        return pools().listAll(flags);
    }

    @Override
    public int numOfStoragePools() {
        return pools().names(true).size();
    }

    @Override
    public List<String> listStoragePools() {
        return pools().names(true);
    }

    @Override
    public int numOfDefinedStoragePools() {
        return pools().names(false).size();
    }

    @Override
    public List<String> listDefinedStoragePools() {
        return pools().names(false);
    }

    @Override
    public String findStoragePoolSources(String type, String srcSpec) {
        return pools().findSources(type, srcSpec);
    }

    @Override
    public String getStoragePoolCapabilities() {
        return org.jvirt.driver.storage.pool.PoolCaps.format(org.jvirt.driver.storage.backend.Backends::supported);
    }

    @Override
    public StoragePoolRef poolLookupByName(String name) {
        return pools().lookupByName(name);
    }

    @Override
    public StoragePoolRef poolLookupByUUID(UUID uuid) {
        return pools().lookupByUUID(uuid);
    }

    @Override
    public StoragePoolRef poolLookupByVolume(StorageVolRef vol) {
        return pools().lookupByVolume(vol);
    }

    @Override
    public StoragePoolRef poolCreateXML(String xml, Set<StoragePoolCreateFlag> flags) {
        return pools().createXML(xml, flags);
    }

    @Override
    public StoragePoolRef poolDefineXML(String xml, Set<StoragePoolDefineFlag> flags) {
        return pools().defineXML(xml, flags);
    }

    @Override
    public void poolBuild(StoragePoolRef pool, Set<StoragePoolBuildFlag> flags) {
        pools().build(pool, flags);
    }

    @Override
    public void poolUndefine(StoragePoolRef pool) {
        pools().undefine(pool);
    }

    @Override
    public void poolCreate(StoragePoolRef pool, Set<StoragePoolCreateFlag> flags) {
        pools().create(pool, flags);
    }

    @Override
    public void poolDestroy(StoragePoolRef pool) {
        pools().destroy(pool);
    }

    @Override
    public void poolDelete(StoragePoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        pools().delete(pool, flags);
    }

    @Override
    public void poolRefresh(StoragePoolRef pool) {
        pools().refresh(pool);
    }

    @Override
    public StoragePoolInfo poolGetInfo(StoragePoolRef pool) {
        return pools().info(pool);
    }

    @Override
    public String poolGetXMLDesc(StoragePoolRef pool, Set<StorageXMLFlag> flags) {
        return pools().xmlDesc(pool, flags);
    }

    @Override
    public boolean poolGetAutostart(StoragePoolRef pool) {
        return pools().autostart(pool);
    }

    @Override
    public void poolSetAutostart(StoragePoolRef pool, boolean autostart) {
        pools().setAutostart(pool, autostart);
    }

    @Override
    public boolean poolIsActive(StoragePoolRef pool) {
        return pools().isActive(pool);
    }

    @Override
    public boolean poolIsPersistent(StoragePoolRef pool) {
        return pools().isPersistent(pool);
    }

    @Override
    public int poolNumOfVolumes(StoragePoolRef pool) {
        return pools().volumeNames(pool).size();
    }

    @Override
    public List<String> poolListVolumes(StoragePoolRef pool) {
        return pools().volumeNames(pool);
    }

    @Override
    public List<StorageVolRef> poolListAllVolumes(StoragePoolRef pool) {
        return pools().volumes(pool);
    }

    @Override
    public StorageVolRef volLookupByName(StoragePoolRef pool, String name) {
        return vols().lookupByName(pool, name);
    }

    @Override
    public StorageVolRef volLookupByKey(String key) {
        return vols().lookupByKey(key);
    }

    @Override
    public StorageVolRef volLookupByPath(String path) {
        return vols().lookupByPath(path);
    }

    @Override
    public StorageVolRef volCreateXML(StoragePoolRef pool, String xml, Set<StorageVolCreateFlag> flags) {
        return vols().createXML(pool, xml, flags);
    }

    @Override
    public StorageVolRef volCreateXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clonevol,
                                          Set<StorageVolCreateFlag> flags) {
        return vols().createXMLFrom(pool, xml, clonevol, flags);
    }

    @Override
    public void volDelete(StorageVolRef vol, Set<StorageVolDeleteFlag> flags) {
        vols().delete(vol, flags);
    }

    @Override
    public void volWipe(StorageVolRef vol, StorageVolWipeAlgorithm algorithm) {
        vols().wipe(vol, algorithm);
    }

    @Override
    public StorageVolInfo volGetInfo(StorageVolRef vol) {
        return vols().info(vol, Set.of());
    }

    @Override
    public StorageVolInfo volGetInfoFlags(StorageVolRef vol, Set<org.jvirt.flags.StorageVolInfoFlag> flags) {
        return vols().info(vol, flags);
    }

    @Override
    public String volGetXMLDesc(StorageVolRef vol) {
        return vols().xmlDesc(vol);
    }

    @Override
    public String volGetPath(StorageVolRef vol) {
        return vols().path(vol);
    }

    @Override
    public void volResize(StorageVolRef vol, long capacity, Set<StorageVolResizeFlag> flags) {
        vols().resize(vol, capacity, flags);
    }

    @Override
    public void volUpload(StorageVolRef vol, Stream stream, long offset, long length,
                          Set<StorageVolUploadFlag> flags) {
        vols().upload(vol, stream, offset, length, flags);
    }

    @Override
    public void volDownload(StorageVolRef vol, Stream stream, long offset, long length,
                            Set<StorageVolDownloadFlag> flags) {
        vols().download(vol, stream, offset, length, flags);
    }
}
