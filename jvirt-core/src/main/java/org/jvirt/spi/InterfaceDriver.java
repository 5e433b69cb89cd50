package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.VirtException;
import org.jvirt.flags.ListInterfacesFlag;

/**
 * The host interface driver: libvirt's virInterface* entry points.
 */
public interface InterfaceDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.INTERFACE, function);
    }

    @Libvirt("virConnectListAllInterfaces")
    default List<InterfaceRef> listAllInterfaces(Set<ListInterfacesFlag> flags) {
        throw unsupported("virConnectListAllInterfaces");
    }

    @Libvirt("virConnectNumOfInterfaces")
    default int numOfInterfaces() {
        throw unsupported("virConnectNumOfInterfaces");
    }

    @Libvirt("virConnectListInterfaces")
    default List<String> listInterfaces() {
        throw unsupported("virConnectListInterfaces");
    }

    @Libvirt("virConnectNumOfDefinedInterfaces")
    default int numOfDefinedInterfaces() {
        throw unsupported("virConnectNumOfDefinedInterfaces");
    }

    @Libvirt("virConnectListDefinedInterfaces")
    default List<String> listDefinedInterfaces() {
        throw unsupported("virConnectListDefinedInterfaces");
    }

    @Libvirt("virInterfaceLookupByName")
    default InterfaceRef lookupByName(String name) {
        throw unsupported("virInterfaceLookupByName");
    }

    @Libvirt("virInterfaceLookupByMACString")
    default InterfaceRef lookupByMACString(String mac) {
        throw unsupported("virInterfaceLookupByMACString");
    }

    @Libvirt("virInterfaceGetXMLDesc")
    default String getXMLDesc(InterfaceRef iface, boolean inactive) {
        throw unsupported("virInterfaceGetXMLDesc");
    }

    @Libvirt("virInterfaceDefineXML")
    default InterfaceRef defineXML(String xml) {
        throw unsupported("virInterfaceDefineXML");
    }

    @Libvirt("virInterfaceUndefine")
    default void undefine(InterfaceRef iface) {
        throw unsupported("virInterfaceUndefine");
    }

    @Libvirt("virInterfaceCreate")
    default void create(InterfaceRef iface) {
        throw unsupported("virInterfaceCreate");
    }

    @Libvirt("virInterfaceDestroy")
    default void destroy(InterfaceRef iface) {
        throw unsupported("virInterfaceDestroy");
    }

    @Libvirt("virInterfaceIsActive")
    default boolean isActive(InterfaceRef iface) {
        throw unsupported("virInterfaceIsActive");
    }

    @Libvirt("virInterfaceChangeBegin")
    default void changeBegin() {
        throw unsupported("virInterfaceChangeBegin");
    }

    @Libvirt("virInterfaceChangeCommit")
    default void changeCommit() {
        throw unsupported("virInterfaceChangeCommit");
    }

    @Libvirt("virInterfaceChangeRollback")
    default void changeRollback() {
        throw unsupported("virInterfaceChangeRollback");
    }
}
