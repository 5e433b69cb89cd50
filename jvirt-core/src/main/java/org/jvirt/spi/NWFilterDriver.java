package org.jvirt.spi;

import java.util.List;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.VirtException;

/**
 * The network filter driver: libvirt's virNWFilter* and virNWFilterBinding* entry points.
 */
public interface NWFilterDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.NWFILTER, function);
    }

    @Libvirt("virConnectListAllNWFilters")
    default List<NWFilterRef> listAllNWFilters() {
        throw unsupported("virConnectListAllNWFilters");
    }

    @Libvirt("virConnectNumOfNWFilters")
    default int numOfNWFilters() {
        throw unsupported("virConnectNumOfNWFilters");
    }

    @Libvirt("virConnectListNWFilters")
    default List<String> listNWFilters() {
        throw unsupported("virConnectListNWFilters");
    }

    @Libvirt("virNWFilterLookupByName")
    default NWFilterRef lookupByName(String name) {
        throw unsupported("virNWFilterLookupByName");
    }

    @Libvirt({"virNWFilterLookupByUUID", "virNWFilterLookupByUUIDString"})
    default NWFilterRef lookupByUUID(UUID uuid) {
        throw unsupported("virNWFilterLookupByUUID");
    }

    @Libvirt({"virNWFilterDefineXML", "virNWFilterDefineXMLFlags"})
    default NWFilterRef defineXML(String xml) {
        throw unsupported("virNWFilterDefineXML");
    }

    @Libvirt("virNWFilterUndefine")
    default void undefine(NWFilterRef filter) {
        throw unsupported("virNWFilterUndefine");
    }

    @Libvirt("virNWFilterGetXMLDesc")
    default String getXMLDesc(NWFilterRef filter) {
        throw unsupported("virNWFilterGetXMLDesc");
    }

    @Libvirt("virConnectListAllNWFilterBindings")
    default List<NWFilterBindingRef> listAllBindings() {
        throw unsupported("virConnectListAllNWFilterBindings");
    }

    @Libvirt("virNWFilterBindingLookupByPortDev")
    default NWFilterBindingRef bindingLookupByPortDev(String portdev) {
        throw unsupported("virNWFilterBindingLookupByPortDev");
    }

    @Libvirt("virNWFilterBindingCreateXML")
    default NWFilterBindingRef bindingCreateXML(String xml) {
        throw unsupported("virNWFilterBindingCreateXML");
    }

    @Libvirt("virNWFilterBindingGetXMLDesc")
    default String bindingGetXMLDesc(NWFilterBindingRef binding) {
        throw unsupported("virNWFilterBindingGetXMLDesc");
    }

    @Libvirt("virNWFilterBindingDelete")
    default void bindingDelete(NWFilterBindingRef binding) {
        throw unsupported("virNWFilterBindingDelete");
    }
}
