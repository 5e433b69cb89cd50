package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.StoragePoolInfo;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.Stream;
import org.jvirt.VirtException;
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

/**
 * The storage driver: libvirt's virStoragePool* and virStorageVol* entry points.
 */
public interface StorageDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.STORAGE, function);
    }

    @Libvirt("virConnectListAllStoragePools")
    default List<StoragePoolRef> listAllStoragePools(Set<ListStoragePoolsFlag> flags) {
        throw unsupported("virConnectListAllStoragePools");
    }

    @Libvirt("virConnectNumOfStoragePools")
    default int numOfStoragePools() {
        throw unsupported("virConnectNumOfStoragePools");
    }

    @Libvirt("virConnectListStoragePools")
    default List<String> listStoragePools() {
        throw unsupported("virConnectListStoragePools");
    }

    @Libvirt("virConnectNumOfDefinedStoragePools")
    default int numOfDefinedStoragePools() {
        throw unsupported("virConnectNumOfDefinedStoragePools");
    }

    @Libvirt("virConnectListDefinedStoragePools")
    default List<String> listDefinedStoragePools() {
        throw unsupported("virConnectListDefinedStoragePools");
    }

    @Libvirt("virConnectFindStoragePoolSources")
    default String findStoragePoolSources(String type, String srcSpec) {
        throw unsupported("virConnectFindStoragePoolSources");
    }

    /** The pool types this host supports and their formats ({@code <storagepoolCapabilities>}). */
    @Libvirt("virConnectGetStoragePoolCapabilities")
    default String getStoragePoolCapabilities() {
        throw unsupported("virConnectGetStoragePoolCapabilities");
    }

    @Libvirt("virStoragePoolLookupByName")
    default StoragePoolRef poolLookupByName(String name) {
        throw unsupported("virStoragePoolLookupByName");
    }

    @Libvirt({"virStoragePoolLookupByUUID", "virStoragePoolLookupByUUIDString"})
    default StoragePoolRef poolLookupByUUID(UUID uuid) {
        throw unsupported("virStoragePoolLookupByUUID");
    }

    @Libvirt("virStoragePoolLookupByVolume")
    default StoragePoolRef poolLookupByVolume(StorageVolRef vol) {
        throw unsupported("virStoragePoolLookupByVolume");
    }

    @Libvirt("virStoragePoolCreateXML")
    default StoragePoolRef poolCreateXML(String xml, Set<StoragePoolCreateFlag> flags) {
        throw unsupported("virStoragePoolCreateXML");
    }

    @Libvirt("virStoragePoolDefineXML")
    default StoragePoolRef poolDefineXML(String xml, Set<StoragePoolDefineFlag> flags) {
        throw unsupported("virStoragePoolDefineXML");
    }

    @Libvirt("virStoragePoolBuild")
    default void poolBuild(StoragePoolRef pool, Set<StoragePoolBuildFlag> flags) {
        throw unsupported("virStoragePoolBuild");
    }

    @Libvirt("virStoragePoolUndefine")
    default void poolUndefine(StoragePoolRef pool) {
        throw unsupported("virStoragePoolUndefine");
    }

    @Libvirt("virStoragePoolCreate")
    default void poolCreate(StoragePoolRef pool, Set<StoragePoolCreateFlag> flags) {
        throw unsupported("virStoragePoolCreate");
    }

    @Libvirt("virStoragePoolDestroy")
    default void poolDestroy(StoragePoolRef pool) {
        throw unsupported("virStoragePoolDestroy");
    }

    @Libvirt("virStoragePoolDelete")
    default void poolDelete(StoragePoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        throw unsupported("virStoragePoolDelete");
    }

    @Libvirt("virStoragePoolRefresh")
    default void poolRefresh(StoragePoolRef pool) {
        throw unsupported("virStoragePoolRefresh");
    }

    @Libvirt("virStoragePoolGetInfo")
    default StoragePoolInfo poolGetInfo(StoragePoolRef pool) {
        throw unsupported("virStoragePoolGetInfo");
    }

    @Libvirt("virStoragePoolGetXMLDesc")
    default String poolGetXMLDesc(StoragePoolRef pool, Set<StorageXMLFlag> flags) {
        throw unsupported("virStoragePoolGetXMLDesc");
    }

    @Libvirt("virStoragePoolGetAutostart")
    default boolean poolGetAutostart(StoragePoolRef pool) {
        throw unsupported("virStoragePoolGetAutostart");
    }

    @Libvirt("virStoragePoolSetAutostart")
    default void poolSetAutostart(StoragePoolRef pool, boolean autostart) {
        throw unsupported("virStoragePoolSetAutostart");
    }

    @Libvirt("virStoragePoolIsActive")
    default boolean poolIsActive(StoragePoolRef pool) {
        throw unsupported("virStoragePoolIsActive");
    }

    @Libvirt("virStoragePoolIsPersistent")
    default boolean poolIsPersistent(StoragePoolRef pool) {
        throw unsupported("virStoragePoolIsPersistent");
    }

    @Libvirt("virStoragePoolNumOfVolumes")
    default int poolNumOfVolumes(StoragePoolRef pool) {
        throw unsupported("virStoragePoolNumOfVolumes");
    }

    @Libvirt("virStoragePoolListVolumes")
    default List<String> poolListVolumes(StoragePoolRef pool) {
        throw unsupported("virStoragePoolListVolumes");
    }

    @Libvirt("virStoragePoolListAllVolumes")
    default List<StorageVolRef> poolListAllVolumes(StoragePoolRef pool) {
        throw unsupported("virStoragePoolListAllVolumes");
    }

    @Libvirt("virStorageVolLookupByName")
    default StorageVolRef volLookupByName(StoragePoolRef pool, String name) {
        throw unsupported("virStorageVolLookupByName");
    }

    @Libvirt("virStorageVolLookupByKey")
    default StorageVolRef volLookupByKey(String key) {
        throw unsupported("virStorageVolLookupByKey");
    }

    @Libvirt("virStorageVolLookupByPath")
    default StorageVolRef volLookupByPath(String path) {
        throw unsupported("virStorageVolLookupByPath");
    }

    @Libvirt("virStorageVolCreateXML")
    default StorageVolRef volCreateXML(StoragePoolRef pool, String xml, Set<StorageVolCreateFlag> flags) {
        throw unsupported("virStorageVolCreateXML");
    }

    @Libvirt("virStorageVolCreateXMLFrom")
    default StorageVolRef volCreateXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clonevol, Set<StorageVolCreateFlag> flags) {
        throw unsupported("virStorageVolCreateXMLFrom");
    }

    @Libvirt("virStorageVolDelete")
    default void volDelete(StorageVolRef vol, Set<StorageVolDeleteFlag> flags) {
        throw unsupported("virStorageVolDelete");
    }

    @Libvirt({"virStorageVolWipe", "virStorageVolWipePattern"})
    default void volWipe(StorageVolRef vol, StorageVolWipeAlgorithm algorithm) {
        throw unsupported("virStorageVolWipe");
    }

    @Libvirt("virStorageVolGetInfo")
    default StorageVolInfo volGetInfo(StorageVolRef vol) {
        throw unsupported("virStorageVolGetInfo");
    }

    @Libvirt("virStorageVolGetInfoFlags")
    default StorageVolInfo volGetInfoFlags(StorageVolRef vol, Set<org.jvirt.flags.StorageVolInfoFlag> flags) {
        throw unsupported("virStorageVolGetInfoFlags");
    }

    @Libvirt("virStorageVolGetXMLDesc")
    default String volGetXMLDesc(StorageVolRef vol) {
        throw unsupported("virStorageVolGetXMLDesc");
    }

    @Libvirt("virStorageVolGetPath")
    default String volGetPath(StorageVolRef vol) {
        throw unsupported("virStorageVolGetPath");
    }

    @Libvirt("virStorageVolResize")
    default void volResize(StorageVolRef vol, long capacity, Set<StorageVolResizeFlag> flags) {
        throw unsupported("virStorageVolResize");
    }

    /** Starts an upload: the caller then writes the volume's bytes into the stream. */
    @Libvirt("virStorageVolUpload")
    default void volUpload(StorageVolRef vol, Stream stream, long offset, long length, Set<StorageVolUploadFlag> flags) {
        throw unsupported("virStorageVolUpload");
    }

    /** Starts a download: the caller then reads the volume's bytes from the stream. */
    @Libvirt("virStorageVolDownload")
    default void volDownload(StorageVolRef vol, Stream stream, long offset, long length, Set<StorageVolDownloadFlag> flags) {
        throw unsupported("virStorageVolDownload");
    }
}
