package org.jvirt;

import java.util.Objects;
import java.util.UUID;
import org.jvirt.spi.NWFilterRef;

/** A network filter (libvirt's virNWFilter), named by name and UUID. */
public final class NWFilter {

    private final Connect connect;
    private final NWFilterRef ref;

    NWFilter(Connect connect, NWFilterRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public NWFilterRef ref() {
        return ref;
    }

    public Connect getConnect() {
        return connect;
    }

    @Libvirt("virNWFilterGetName")
    public String getName() {
        return ref.name();
    }

    @Libvirt("virNWFilterGetUUID")
    public UUID getUUID() {
        return ref.uuid();
    }

    @Libvirt("virNWFilterGetUUIDString")
    public String getUUIDString() {
        return ref.uuid().toString();
    }

    @Libvirt("virNWFilterGetXMLDesc")
    public String getXMLDesc() {
        return connect.nwfilters.getXMLDesc(ref);
    }

    @Libvirt("virNWFilterUndefine")
    public void undefine() {
        connect.checkWritable("virNWFilterUndefine", ErrorDomain.NWFILTER);
        connect.nwfilters.undefine(ref);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NWFilter f && f.connect == connect && f.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.uuid());
    }

    @Override
    public String toString() {
        return "NWFilter[" + ref.name() + "]";
    }
}
