package org.jvirt;

import java.util.List;
import java.util.Objects;
import org.jvirt.spi.NodeDeviceRef;

/** A host device (libvirt's virNodeDevice), named by its node device name. */
public final class NodeDevice {

    private final Connect connect;
    private final NodeDeviceRef ref;

    NodeDevice(Connect connect, NodeDeviceRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    public NodeDeviceRef ref() {
        return ref;
    }

    @Libvirt("virNodeDeviceGetName")
    public String getName() {
        return ref.name();
    }

    public Connect getConnect() {
        return connect;
    }

    private void writable(String function) {
        connect.checkWritable(function, ErrorDomain.NODEDEV);
    }

    @Libvirt("virNodeDeviceGetXMLDesc")
    public String getXMLDesc() {
        return connect.nodeDevices.getXMLDesc(ref);
    }

    /** The parent device's name, or null for a root device. */
    @Libvirt("virNodeDeviceGetParent")
    public String getParent() {
        return connect.nodeDevices.getParent(ref);
    }

    @Libvirt("virNodeDeviceNumOfCaps")
    public int numOfCaps() {
        return connect.nodeDevices.numOfCaps(ref);
    }

    @Libvirt("virNodeDeviceListCaps")
    public List<String> listCaps() {
        return connect.nodeDevices.listCaps(ref);
    }

    @Libvirt("virNodeDeviceCreate")
    public void create() {
        writable("virNodeDeviceCreate");
        connect.nodeDevices.create(ref);
    }

    @Libvirt("virNodeDeviceDestroy")
    public void destroy() {
        writable("virNodeDeviceDestroy");
        connect.nodeDevices.destroy(ref);
    }

    @Libvirt("virNodeDeviceUndefine")
    public void undefine() {
        writable("virNodeDeviceUndefine");
        connect.nodeDevices.undefine(ref);
    }

    @Libvirt("virNodeDeviceIsActive")
    public boolean isActive() {
        return connect.nodeDevices.isActive(ref);
    }

    @Libvirt("virNodeDeviceIsPersistent")
    public boolean isPersistent() {
        return connect.nodeDevices.isPersistent(ref);
    }

    @Libvirt("virNodeDeviceGetAutostart")
    public boolean getAutostart() {
        return connect.nodeDevices.getAutostart(ref);
    }

    @Libvirt("virNodeDeviceSetAutostart")
    public void setAutostart(boolean autostart) {
        writable("virNodeDeviceSetAutostart");
        connect.nodeDevices.setAutostart(ref, autostart);
    }

    /** Detaches the PCI device from its host driver (to vfio-pci) so a guest can be given it. */
    @Libvirt("virNodeDeviceDettach")
    public void dettach() {
        writable("virNodeDeviceDettach");
        connect.nodeDevices.dettach(ref);
    }

    /** As {@link #dettach}, to the named stub driver ("vfio"; null for the default). */
    @Libvirt("virNodeDeviceDetachFlags")
    public void detachFlags(String driverName) {
        writable("virNodeDeviceDetachFlags");
        connect.nodeDevices.detachFlags(ref, driverName);
    }

    /** Gives a detached PCI device back to its host driver. */
    @Libvirt("virNodeDeviceReAttach")
    public void reAttach() {
        writable("virNodeDeviceReAttach");
        connect.nodeDevices.reAttach(ref);
    }

    /** Resets a PCI device (function-level, power-management or secondary bus reset). */
    @Libvirt("virNodeDeviceReset")
    public void reset() {
        writable("virNodeDeviceReset");
        connect.nodeDevices.reset(ref);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeDevice d && d.connect == connect && d.ref.name().equals(ref.name());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.name());
    }

    @Override
    public String toString() {
        return "NodeDevice[" + ref.name() + "]";
    }
}
