package org.jvirt.driver.nwfilter;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jvirt.driver.nwfilter.conf.FilterDef;
import org.jvirt.spi.NWFilterBindingRef;
import org.jvirt.spi.NWFilterDriver;
import org.jvirt.spi.NWFilterRef;

/** The nwfilter table of a connection: libvirt's virNWFilter* and virNWFilterBinding* on the scope's state. */
final class NWFilters implements NWFilterDriver {
    private final Supplier<NWFilterState> state;

    NWFilters(Supplier<NWFilterState> state) {
        this.state = state;
    }

    private static NWFilterRef ref(FilterDef d) {
        return new NWFilterRef(d.name(), d.uuid());
    }

    private static NWFilterBindingRef ref(Binding b) {
        return new NWFilterBindingRef(b.portdev, b.filter);
    }

    @Override
    public List<NWFilterRef> listAllNWFilters() {
        return state.get().filters().stream().map(NWFilters::ref).toList();
    }

    @Override
    public int numOfNWFilters() {
        return state.get().filters().size();
    }

    @Override
    public List<String> listNWFilters() {
        return state.get().filters().stream().map(FilterDef::name).toList();
    }

    @Override
    public NWFilterRef lookupByName(String name) {
        return ref(state.get().filter(name));
    }

    @Override
    public NWFilterRef lookupByUUID(UUID uuid) {
        return ref(state.get().filter(uuid));
    }

    @Override
    public NWFilterRef defineXML(String xml) {
        return ref(state.get().define(xml));
    }

    @Override
    public void undefine(NWFilterRef filter) {
        state.get().undefine(filter.uuid());
    }

    @Override
    public String getXMLDesc(NWFilterRef filter) {
        return state.get().filter(filter.uuid()).toXml();
    }

    @Override
    public List<NWFilterBindingRef> listAllBindings() {
        return state.get().bindings().stream().map(NWFilters::ref).toList();
    }

    @Override
    public NWFilterBindingRef bindingLookupByPortDev(String portdev) {
        return ref(state.get().binding(portdev));
    }

    @Override
    public NWFilterBindingRef bindingCreateXML(String xml) {
        return ref(state.get().createBinding(xml));
    }

    @Override
    public String bindingGetXMLDesc(NWFilterBindingRef binding) {
        return state.get().binding(binding.portDev()).xml.toXml();
    }

    @Override
    public void bindingDelete(NWFilterBindingRef binding) {
        state.get().deleteBinding(binding.portDev());
    }
}
