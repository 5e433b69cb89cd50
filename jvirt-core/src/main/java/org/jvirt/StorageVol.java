package org.jvirt;

import java.util.Objects;
import org.jvirt.flags.StorageVolDeleteFlag;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolResizeFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.spi.StorageVolRef;

/** A storage volume (libvirt's virStorageVol): its pool's name, its name, and its key (unique on the host). */
public final class StorageVol {

    private final Connect connect;
    private final StorageVolRef ref;

    StorageVol(Connect connect, StorageVolRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public StorageVolRef ref() {
        return ref;
    }

    @Libvirt("virStorageVolGetConnect")
    public Connect getConnect() {
        return connect;
    }

    @Libvirt("virStorageVolGetName")
    public String getName() {
        return ref.name();
    }

    @Libvirt("virStorageVolGetKey")
    public String getKey() {
        return ref.key();
    }

    private void writable(String function) {
        connect.checkWritable(function, ErrorDomain.STORAGE);
    }

    @Libvirt("virStoragePoolLookupByVolume")
    public StoragePool getPool() {
        return new StoragePool(connect, connect.storage.poolLookupByVolume(ref));
    }

    @Libvirt("virStorageVolDelete")
    public void delete(StorageVolDeleteFlag... flags) {
        writable("virStorageVolDelete");
        connect.storage.volDelete(ref, Flags.setOf(StorageVolDeleteFlag.class, flags));
    }

    @Libvirt({"virStorageVolWipe", "virStorageVolWipePattern"})
    public void wipe(StorageVolWipeAlgorithm algorithm) {
        writable("virStorageVolWipePattern");
        connect.storage.volWipe(ref, algorithm);
    }

    @Libvirt("virStorageVolGetInfo")
    public StorageVolInfo getInfo() {
        return connect.storage.volGetInfo(ref);
    }

    /** With {@link org.jvirt.flags.StorageVolInfoFlag#GET_PHYSICAL}, the allocation is the physical size. */
    @Libvirt("virStorageVolGetInfoFlags")
    public StorageVolInfo getInfo(org.jvirt.flags.StorageVolInfoFlag... flags) {
        return connect.storage.volGetInfoFlags(ref, Flags.setOf(org.jvirt.flags.StorageVolInfoFlag.class, flags));
    }

    @Libvirt("virStorageVolGetXMLDesc")
    public String getXMLDesc() {
        return connect.storage.volGetXMLDesc(ref);
    }

    @Libvirt("virStorageVolGetPath")
    public String getPath() {
        return connect.storage.volGetPath(ref);
    }

    @Libvirt("virStorageVolResize")
    public void resize(long capacity, StorageVolResizeFlag... flags) {
        writable("virStorageVolResize");
        connect.storage.volResize(ref, capacity, Flags.setOf(StorageVolResizeFlag.class, flags));
    }

    /** Starts an upload of {@code length} bytes at {@code offset} (0 = to the end); then write into the stream. */
    @Libvirt("virStorageVolUpload")
    public void upload(Stream stream, long offset, long length, StorageVolUploadFlag... flags) {
        writable("virStorageVolUpload");
        connect.storage.volUpload(ref, stream, offset, length, Flags.setOf(StorageVolUploadFlag.class, flags));
    }

    /** Starts a download; then read the stream to its end. */
    @Libvirt("virStorageVolDownload")
    public void download(Stream stream, long offset, long length, StorageVolDownloadFlag... flags) {
        writable("virStorageVolDownload");
        connect.storage.volDownload(ref, stream, offset, length, Flags.setOf(StorageVolDownloadFlag.class, flags));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageVol v && v.connect == connect && v.ref.key().equals(ref.key());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.key());
    }

    @Override
    public String toString() {
        return "StorageVol[" + ref.pool() + "/" + ref.name() + "]";
    }
}
