package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.VirtException;
import org.jvirt.flags.ListNodeDevicesFlag;

/**
 * The node device driver: libvirt's virNodeDevice* entry points.
 */
public interface NodeDeviceDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.NODEDEV, function);
    }

    @Libvirt("virConnectListAllNodeDevices")
    default List<NodeDeviceRef> listAllNodeDevices(Set<ListNodeDevicesFlag> flags) {
        throw unsupported("virConnectListAllNodeDevices");
    }

    @Libvirt("virNodeNumOfDevices")
    default int numOfDevices(String cap) {
        throw unsupported("virNodeNumOfDevices");
    }

    @Libvirt("virNodeListDevices")
    default List<String> listDevices(String cap) {
        throw unsupported("virNodeListDevices");
    }

    @Libvirt("virNodeDeviceLookupByName")
    default NodeDeviceRef lookupByName(String name) {
        throw unsupported("virNodeDeviceLookupByName");
    }

    @Libvirt("virNodeDeviceLookupSCSIHostByWWN")
    default NodeDeviceRef lookupSCSIHostByWWN(String wwnn, String wwpn) {
        throw unsupported("virNodeDeviceLookupSCSIHostByWWN");
    }

    @Libvirt("virNodeDeviceGetXMLDesc")
    default String getXMLDesc(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceGetXMLDesc");
    }

    @Libvirt("virNodeDeviceGetParent")
    default String getParent(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceGetParent");
    }

    @Libvirt("virNodeDeviceNumOfCaps")
    default int numOfCaps(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceNumOfCaps");
    }

    @Libvirt("virNodeDeviceListCaps")
    default List<String> listCaps(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceListCaps");
    }

    @Libvirt("virNodeDeviceCreateXML")
    default NodeDeviceRef createXML(String xml) {
        throw unsupported("virNodeDeviceCreateXML");
    }

    @Libvirt("virNodeDeviceDefineXML")
    default NodeDeviceRef defineXML(String xml) {
        throw unsupported("virNodeDeviceDefineXML");
    }

    @Libvirt("virNodeDeviceUndefine")
    default void undefine(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceUndefine");
    }

    @Libvirt("virNodeDeviceCreate")
    default void create(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceCreate");
    }

    @Libvirt("virNodeDeviceDestroy")
    default void destroy(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceDestroy");
    }

    @Libvirt("virNodeDeviceIsActive")
    default boolean isActive(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceIsActive");
    }

    @Libvirt("virNodeDeviceIsPersistent")
    default boolean isPersistent(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceIsPersistent");
    }

    @Libvirt("virNodeDeviceGetAutostart")
    default boolean getAutostart(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceGetAutostart");
    }

    @Libvirt("virNodeDeviceSetAutostart")
    default void setAutostart(NodeDeviceRef dev, boolean autostart) {
        throw unsupported("virNodeDeviceSetAutostart");
    }

    /**
     * Detaches a PCI device from its host driver for assignment to a guest. libvirt serves this from the
     * hypervisor driver's host-device manager, which is one per process; jvirt's is the host driver's, so every
     * hypervisor connection that carries it shares it.
     */
    @Libvirt("virNodeDeviceDettach")
    default void dettach(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceDettach");
    }

    /** As {@link #dettach}, binding to the named stub driver ("vfio"; null for the default). */
    @Libvirt("virNodeDeviceDetachFlags")
    default void detachFlags(NodeDeviceRef dev, String driverName) {
        throw unsupported("virNodeDeviceDetachFlags");
    }

    @Libvirt("virNodeDeviceReAttach")
    default void reAttach(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceReAttach");
    }

    @Libvirt("virNodeDeviceReset")
    default void reset(NodeDeviceRef dev) {
        throw unsupported("virNodeDeviceReset");
    }
}
