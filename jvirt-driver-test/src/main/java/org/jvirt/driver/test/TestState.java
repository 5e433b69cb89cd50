package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.NodeInfo;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventType;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.NetworkRef;
import org.jvirt.spi.NodeDeviceRef;
import org.jvirt.spi.StoragePoolRef;

/**
 * Everything one test driver state holds (libvirt's testDriver): domains, networks, pools, devices, interfaces,
 * the host's description, and the connections that listen for its events. {@code test:///default} has one
 * such state for the whole process; each node-file open has its own. One lock, this object's monitor, guards
 * it all, as libvirt's test driver does. Event sinks only queue, so raising events under the lock is safe.
 */
final class TestState {

    /** One NUMA cell of the fake host: its CPUs, memory and free memory in KiB. */
    record Cell(int numCpus, long memKiB, long freeMemKiB) {
    }

    /** Domains by UUID, in the order they were added; change it through addDomain and removeDomain. */
    final Map<UUID, DomainObj> domains = new LinkedHashMap<>();
    /** The same domains by name, so that a lookup or define among thousands does not scan them all. */
    private final Map<String, DomainObj> domainsByName = new HashMap<>();
    final Map<String, NetworkStore.Net> networks = new LinkedHashMap<>();
    final Map<String, StorageStore.Pool> pools = new LinkedHashMap<>();
    final Map<String, NodeDevStore.Dev> devices = new LinkedHashMap<>();
    final InterfaceStore interfaces = new InterfaceStore();
    NodeInfo nodeInfo = new NodeInfo("i686", 3L * 1024 * 1024, 16, 1400, 2, 2, 2, 2);
    final List<Cell> cells = new ArrayList<>();
    int nextDomId = 1;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    /** Connections open on this state; the default state is dropped when the last one closes. */
    int refs;

    void addSink(EventSink s) {
        sinks.add(s);
    }

    void removeSink(EventSink s) {
        sinks.remove(s);
    }

    // ---- domain lookups ---------------------------------------------------------------------------------------

    void addDomain(DomainObj d) {
        domains.put(d.def.uuid(), d);
        domainsByName.put(d.name(), d);
    }

    void removeDomain(DomainObj d) {
        domains.remove(d.def.uuid());
        domainsByName.remove(d.name(), d);
    }

    /** A domain's name may have changed: renamed, or a definition of another name took over. */
    void renamed(DomainObj d, String oldName) {
        if (!oldName.equals(d.name())) {
            domainsByName.remove(oldName, d);
            domainsByName.put(d.name(), d);
        }
    }

    DomainObj findByName(String name) {
        return domainsByName.get(name);
    }

    DomainObj findById(int id) {
        for (DomainObj d : domains.values()) {
            if (d.id == id && id != DomainRef.NO_ID) {
                return d;
            }
        }
        return null;
    }

    // ---- events -----------------------------------------------------------------------------------------------

    void lifecycle(DomainObj d, DomainEventType type, int detail) {
        domainEvent(d.ref(), new DomainEvent.Lifecycle(type, detail));
    }

    void domainEvent(DomainRef ref, DomainEvent e) {
        for (EventSink s : sinks) {
            s.domainEvent(ref, e);
        }
    }

    void networkEvent(NetworkRef ref, NetworkEvent e) {
        for (EventSink s : sinks) {
            s.networkEvent(ref, e);
        }
    }

    void poolEvent(StoragePoolRef ref, StoragePoolEvent e) {
        for (EventSink s : sinks) {
            s.storagePoolEvent(ref, e);
        }
    }

    void nodeDeviceEvent(NodeDeviceRef ref, NodeDeviceEvent e) {
        for (EventSink s : sinks) {
            s.nodeDeviceEvent(ref, e);
        }
    }
}
