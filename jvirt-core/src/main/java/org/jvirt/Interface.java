package org.jvirt;

import java.util.Objects;
import org.jvirt.spi.InterfaceRef;

/** A host network interface (libvirt's virInterface), named by name and MAC address. */
public final class Interface {

    private final Connect connect;
    private final InterfaceRef ref;

    Interface(Connect connect, InterfaceRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public InterfaceRef ref() {
        return ref;
    }

    @Libvirt("virInterfaceGetConnect")
    public Connect getConnect() {
        return connect;
    }

    @Libvirt("virInterfaceGetName")
    public String getName() {
        return ref.name();
    }

    @Libvirt("virInterfaceGetMACString")
    public String getMACString() {
        return ref.mac();
    }

    private void writable(String function) {
        connect.checkWritable(function, ErrorDomain.INTERFACE);
    }

    /** The XML; with {@code inactive}, the persistent config rather than the live state. */
    @Libvirt("virInterfaceGetXMLDesc")
    public String getXMLDesc(boolean inactive) {
        return connect.interfaces.getXMLDesc(ref, inactive);
    }

    @Libvirt("virInterfaceCreate")
    public void create() {
        writable("virInterfaceCreate");
        connect.interfaces.create(ref);
    }

    @Libvirt("virInterfaceDestroy")
    public void destroy() {
        writable("virInterfaceDestroy");
        connect.interfaces.destroy(ref);
    }

    @Libvirt("virInterfaceUndefine")
    public void undefine() {
        writable("virInterfaceUndefine");
        connect.interfaces.undefine(ref);
    }

    @Libvirt("virInterfaceIsActive")
    public boolean isActive() {
        return connect.interfaces.isActive(ref);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interface i && i.connect == connect && i.ref.name().equals(ref.name());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.name());
    }

    @Override
    public String toString() {
        return "Interface[" + ref.name() + ", " + ref.mac() + "]";
    }
}
