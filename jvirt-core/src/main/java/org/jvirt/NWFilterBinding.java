package org.jvirt;

import java.util.Objects;
import org.jvirt.spi.NWFilterBindingRef;

/** A network filter bound to a port (libvirt's virNWFilterBinding), named by the port device. */
public final class NWFilterBinding {

    private final Connect connect;
    private final NWFilterBindingRef ref;

    NWFilterBinding(Connect connect, NWFilterBindingRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public NWFilterBindingRef ref() {
        return ref;
    }

    @Libvirt("virNWFilterBindingGetPortDev")
    public String getPortDev() {
        return ref.portDev();
    }

    @Libvirt("virNWFilterBindingGetFilterName")
    public String getFilterName() {
        return ref.filterName();
    }

    @Libvirt("virNWFilterBindingGetXMLDesc")
    public String getXMLDesc() {
        return connect.nwfilters.bindingGetXMLDesc(ref);
    }

    @Libvirt("virNWFilterBindingDelete")
    public void delete() {
        connect.checkWritable("virNWFilterBindingDelete", ErrorDomain.NWFILTER);
        connect.nwfilters.bindingDelete(ref);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NWFilterBinding b && b.connect == connect && b.ref.portDev().equals(ref.portDev());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.portDev());
    }

    @Override
    public String toString() {
        return "NWFilterBinding[" + ref.portDev() + ", " + ref.filterName() + "]";
    }
}
