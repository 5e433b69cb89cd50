package org.jvirt.driver.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NetworkDHCPLease;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.VirtException;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.conf.NetworkParse;
import org.jvirt.driver.network.dnsmasq.Leases;
import org.jvirt.driver.network.obj.NetworkObj;
import org.jvirt.event.NetworkEventType;
import org.jvirt.flags.ListNetworksFlag;
import org.jvirt.flags.NetworkCreateFlag;
import org.jvirt.flags.NetworkDefineFlag;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.NetworkXMLFlag;
import org.jvirt.spi.NetworkDriver;
import org.jvirt.spi.NetworkRef;
import org.jvirt.xml.network.NetworkXml;

/** The virNetwork* entry points of bridge_driver.c over one scope's {@link NetworkState}. */
final class Networks implements NetworkDriver {
    private final Supplier<NetworkState> state;

    Networks(Supplier<NetworkState> state) {
        this.state = state;
    }

    @Override
    public List<NetworkRef> listAllNetworks(Set<ListNetworksFlag> f) {
        NetworkState st = state.get();
        synchronized (st) {
            List<NetworkRef> out = new ArrayList<>();
            for (NetworkObj n : st.nets.values()) {
                if (pick(f, ListNetworksFlag.ACTIVE, n.active(), ListNetworksFlag.INACTIVE, !n.active())
                        && pick(f, ListNetworksFlag.PERSISTENT, n.persistent(), ListNetworksFlag.TRANSIENT,
                        !n.persistent())
                        && pick(f, ListNetworksFlag.AUTOSTART, n.autostart(), ListNetworksFlag.NO_AUTOSTART,
                        !n.autostart())) {
                    out.add(n.ref());
                }
            }
            return out;
        }
    }

    private static <E> boolean pick(Set<E> f, E yes, boolean isYes, E no, boolean isNo) {
        boolean y = f.contains(yes);
        boolean n = f.contains(no);
        return (!y && !n) || (y && isYes) || (n && isNo);
    }

    @Override
    public int numOfNetworks() {
        return listNetworks().size();
    }

    @Override
    public List<String> listNetworks() {
        return names(true);
    }

    @Override
    public int numOfDefinedNetworks() {
        return listDefinedNetworks().size();
    }

    @Override
    public List<String> listDefinedNetworks() {
        return names(false);
    }

    private List<String> names(boolean active) {
        NetworkState st = state.get();
        synchronized (st) {
            return st.nets.values().stream().filter(n -> n.active() == active).map(NetworkObj::name).toList();
        }
    }

    @Override
    public NetworkRef lookupByName(String name) {
        NetworkState st = state.get();
        synchronized (st) {
            return st.byName(name).ref();
        }
    }

    @Override
    public NetworkRef lookupByUUID(UUID uuid) {
        NetworkState st = state.get();
        synchronized (st) {
            return st.byUuid(uuid).ref();
        }
    }

    /** virNetworkObjAssignDef's name and UUID checks, with libvirt's words. */
    private static NetworkObj existing(NetworkState st, NetworkXml def) {
        for (NetworkObj o : st.nets.values()) {
            if (o.uuid().equals(def.uuid())) {
                if (!o.name().equals(def.name())) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_FAILED,
                            "network '%s' is already defined with uuid %s", o.name(), o.uuid());
                }
                return o;
            }
        }
        NetworkObj byName = st.nets.get(def.name());
        if (byName != null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_FAILED,
                    "network '%s' already exists with uuid %s", def.name(), byName.uuid());
        }
        return null;
    }

    @Override
    public NetworkRef createXML(String xml, Set<NetworkCreateFlag> flags) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkXml def = NetworkParse.parse(xml);
            NetworkObj o = existing(st, def);
            if (o != null && o.active()) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                        "network is already active as '%s'", o.name());
            }
            st.assignBridge(def, def.name());
            boolean added = o == null;
            if (added) {
                o = new NetworkObj(def, false);
                st.nets.put(def.name(), o);
            }
            try {
                // a persistent network keeps its config; the given definition runs until destroy
                st.start(o, def);
            } catch (RuntimeException e) {
                if (added) {
                    st.nets.remove(def.name());
                }
                throw e;
            }
            return o.ref();
        }
    }

    @Override
    public NetworkRef defineXML(String xml, Set<NetworkDefineFlag> flags) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkXml def = NetworkParse.parse(xml);
            NetworkObj o = existing(st, def);
            st.assignBridge(def, def.name());
            st.store.saveConfig(def);
            if (o == null) {
                o = new NetworkObj(def, true);
                st.nets.put(def.name(), o);
            } else if (o.active()) {
                o.setNewDef(def);
                o.setPersistent(true);
            } else {
                o.setDef(def);
                o.setPersistent(true);
            }
            st.event(o, NetworkEventType.DEFINED);
            return o.ref();
        }
    }

    @Override
    public void undefine(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkObj o = st.byName(net.name());
            if (!o.persistent()) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                        "can't undefine transient network");
            }
            st.store.deleteConfig(o.name());
            o.setAutostart(false);
            st.event(o, NetworkEventType.UNDEFINED);
            if (o.active()) {
                o.setPersistent(false);
                o.setNewDef(null);
            } else {
                st.dnsmasq.deleteFiles(o.name(), o.def().bridgeName());
                st.nets.remove(o.name());
            }
        }
    }

    @Override
    public void create(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            st.start(st.byName(net.name()));
        }
    }

    @Override
    public void destroy(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            st.stop(st.byName(net.name()));
        }
    }

    @Override
    public String getXMLDesc(NetworkRef net, Set<NetworkXMLFlag> flags) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkObj o = st.byName(net.name());
            if (flags.contains(NetworkXMLFlag.INACTIVE)) {
                return o.persistentDef().toXml();
            }
            return o.active() && !o.ports().isEmpty() ? NetworkPorts.withConnections(o) : o.def().toXml();
        }
    }

    @Override
    public String getBridgeName(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkObj o = st.byName(net.name());
            String b = o.def().bridgeName();
            if (b == null) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                        "network '%s' does not have a bridge name.", o.name());
            }
            return b;
        }
    }

    @Override
    public boolean getAutostart(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            return st.byName(net.name()).autostart();
        }
    }

    @Override
    public void setAutostart(NetworkRef net, boolean autostart) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkObj o = st.byName(net.name());
            if (!o.persistent()) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                        "cannot set autostart for transient network");
            }
            st.store.setAutostart(o.name(), autostart);
            o.setAutostart(autostart);
        }
    }

    @Override
    public boolean isActive(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            return st.byUuid(net.uuid()).active();
        }
    }

    @Override
    public boolean isPersistent(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            return st.byUuid(net.uuid()).persistent();
        }
    }

    @Override
    public void update(NetworkRef net, NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex,
                       String xml, Set<NetworkUpdateFlag> flags) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkUpdates.apply(st, st.byName(net.name()), command, section, parentIndex, xml, flags);
        }
    }

    @Override
    public List<NetworkDHCPLease> getDHCPLeases(NetworkRef net, String mac) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkObj o = st.byName(net.name());
            NetworkDef def = o.parsed();
            if (!o.active() || def.bridge() == null) {
                return List.of();
            }
            return Leases.read(st.dnsmasq.leaseFile(def.bridge()), def, mac, System.currentTimeMillis() / 1000);
        }
    }

    @Override
    public List<org.jvirt.spi.NetworkPortRef> listAllPorts(NetworkRef net) {
        NetworkState st = state.get();
        synchronized (st) {
            return NetworkPorts.list(st.byUuid(net.uuid()));
        }
    }

    @Override
    public org.jvirt.spi.NetworkPortRef portLookupByUUID(NetworkRef net, UUID uuid) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkObj o = st.byUuid(net.uuid());
            NetworkPorts.get(o, uuid);
            return new org.jvirt.spi.NetworkPortRef(o.ref(), uuid);
        }
    }

    @Override
    public org.jvirt.spi.NetworkPortRef portCreateXML(NetworkRef net, String xml,
                                                      Set<org.jvirt.flags.NetworkPortCreateFlag> flags) {
        NetworkState st = state.get();
        synchronized (st) {
            return NetworkPorts.create(st, st.byUuid(net.uuid()), xml, flags);
        }
    }

    @Override
    public String portGetXMLDesc(org.jvirt.spi.NetworkPortRef port) {
        NetworkState st = state.get();
        synchronized (st) {
            return NetworkPorts.get(st.byUuid(port.net().uuid()), port.uuid()).toXml();
        }
    }

    @Override
    public java.util.Map<String, Object> portGetParameters(org.jvirt.spi.NetworkPortRef port) {
        NetworkState st = state.get();
        synchronized (st) {
            return NetworkPorts.parameters(st.byUuid(port.net().uuid()), port.uuid());
        }
    }

    @Override
    public void portDelete(org.jvirt.spi.NetworkPortRef port) {
        NetworkState st = state.get();
        synchronized (st) {
            NetworkPorts.delete(st, st.byUuid(port.net().uuid()), port.uuid());
        }
    }
}
