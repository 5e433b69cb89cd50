package org.jvirt;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StoragePoolDeleteFlag;
import org.jvirt.flags.StorageVolCreateFlag;
import org.jvirt.flags.StorageXMLFlag;
import org.jvirt.spi.StoragePoolRef;

/** A storage pool (libvirt's virStoragePool), named by name and UUID. */
public final class StoragePool {

    private final Connect connect;
    private final StoragePoolRef ref;

    StoragePool(Connect connect, StoragePoolRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public StoragePoolRef ref() {
        return ref;
    }

    @Libvirt("virStoragePoolGetConnect")
    public Connect getConnect() {
        return connect;
    }

    @Libvirt("virStoragePoolGetName")
    public String getName() {
        return ref.name();
    }

    @Libvirt("virStoragePoolGetUUID")
    public UUID getUUID() {
        return ref.uuid();
    }

    @Libvirt("virStoragePoolGetUUIDString")
    public String getUUIDString() {
        return ref.uuid().toString();
    }

    private void writable(String function) {
        connect.checkWritable(function, ErrorDomain.STORAGE);
    }

    @Libvirt("virStoragePoolBuild")
    public void build(StoragePoolBuildFlag... flags) {
        writable("virStoragePoolBuild");
        connect.storage.poolBuild(ref, Flags.setOf(StoragePoolBuildFlag.class, flags));
    }

    @Libvirt("virStoragePoolCreate")
    public void create(StoragePoolCreateFlag... flags) {
        writable("virStoragePoolCreate");
        connect.storage.poolCreate(ref, Flags.setOf(StoragePoolCreateFlag.class, flags));
    }

    @Libvirt("virStoragePoolDestroy")
    public void destroy() {
        writable("virStoragePoolDestroy");
        connect.storage.poolDestroy(ref);
    }

    @Libvirt("virStoragePoolDelete")
    public void delete(StoragePoolDeleteFlag... flags) {
        writable("virStoragePoolDelete");
        connect.storage.poolDelete(ref, Flags.setOf(StoragePoolDeleteFlag.class, flags));
    }

    @Libvirt("virStoragePoolUndefine")
    public void undefine() {
        writable("virStoragePoolUndefine");
        connect.storage.poolUndefine(ref);
    }

    @Libvirt("virStoragePoolRefresh")
    public void refresh() {
        writable("virStoragePoolRefresh");
        connect.storage.poolRefresh(ref);
    }

    @Libvirt("virStoragePoolGetInfo")
    public StoragePoolInfo getInfo() {
        return connect.storage.poolGetInfo(ref);
    }

    @Libvirt("virStoragePoolGetXMLDesc")
    public String getXMLDesc(StorageXMLFlag... flags) {
        return connect.storage.poolGetXMLDesc(ref, Flags.setOf(StorageXMLFlag.class, flags));
    }

    @Libvirt("virStoragePoolGetAutostart")
    public boolean getAutostart() {
        return connect.storage.poolGetAutostart(ref);
    }

    @Libvirt("virStoragePoolSetAutostart")
    public void setAutostart(boolean autostart) {
        writable("virStoragePoolSetAutostart");
        connect.storage.poolSetAutostart(ref, autostart);
    }

    @Libvirt("virStoragePoolIsActive")
    public boolean isActive() {
        return connect.storage.poolIsActive(ref);
    }

    @Libvirt("virStoragePoolIsPersistent")
    public boolean isPersistent() {
        return connect.storage.poolIsPersistent(ref);
    }

    @Libvirt("virStoragePoolNumOfVolumes")
    public int numOfVolumes() {
        return connect.storage.poolNumOfVolumes(ref);
    }

    @Libvirt("virStoragePoolListVolumes")
    public List<String> listVolumes() {
        return connect.storage.poolListVolumes(ref);
    }

    @Libvirt("virStoragePoolListAllVolumes")
    public List<StorageVol> listAllVolumes() {
        return Connect.wrapAll(connect.storage.poolListAllVolumes(ref), r -> new StorageVol(connect, r));
    }

    @Libvirt("virStorageVolLookupByName")
    public StorageVol storageVolLookupByName(String name) {
        return new StorageVol(connect, connect.storage.volLookupByName(ref, name));
    }

    @Libvirt("virStorageVolCreateXML")
    public StorageVol storageVolCreateXML(String xml, StorageVolCreateFlag... flags) {
        writable("virStorageVolCreateXML");
        return new StorageVol(connect, connect.storage.volCreateXML(ref, xml,
                Flags.setOf(StorageVolCreateFlag.class, flags)));
    }

    @Libvirt("virStorageVolCreateXMLFrom")
    public StorageVol storageVolCreateXMLFrom(String xml, StorageVol clonevol, StorageVolCreateFlag... flags) {
        writable("virStorageVolCreateXMLFrom");
        return new StorageVol(connect, connect.storage.volCreateXMLFrom(ref, xml, clonevol.ref(),
                Flags.setOf(StorageVolCreateFlag.class, flags)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoragePool p && p.connect == connect && p.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.uuid());
    }

    @Override
    public String toString() {
        return "StoragePool[" + ref.name() + ", " + ref.uuid() + "]";
    }
}
