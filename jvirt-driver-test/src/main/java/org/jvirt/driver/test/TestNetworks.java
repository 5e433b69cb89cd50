package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.VirtException;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NetworkEventType;
import org.jvirt.flags.ListNetworksFlag;
import org.jvirt.flags.NetworkCreateFlag;
import org.jvirt.flags.NetworkDefineFlag;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.NetworkXMLFlag;
import org.jvirt.spi.NetworkDriver;
import org.jvirt.spi.NetworkRef;
import org.w3c.dom.Document;

/** testNetwork*: virtual networks kept in memory, with libvirt's lifecycle events and messages. */
final class TestNetworks implements NetworkDriver {

    private final TestState st;

    TestNetworks(TestState st) {
        this.st = st;
    }

    private NetworkStore.Net byName(String name) {
        NetworkStore.Net n = st.networks.get(name);
        if (n == null) {
            throw Errors.test(ErrorNumber.NO_NETWORK, "no network with matching name '%s'", name);
        }
        return n;
    }

    private void event(NetworkStore.Net n, NetworkEventType t) {
        st.networkEvent(n.ref(), new NetworkEvent.Lifecycle(t, 0));
    }

    @Override
    public List<NetworkRef> listAllNetworks(Set<ListNetworksFlag> f) {
        synchronized (st) {
            List<NetworkRef> out = new ArrayList<>();
            for (NetworkStore.Net n : st.networks.values()) {
                if (pick(f, ListNetworksFlag.ACTIVE, n.active, ListNetworksFlag.INACTIVE, !n.active)
                        && pick(f, ListNetworksFlag.PERSISTENT, n.persistent, ListNetworksFlag.TRANSIENT,
                        !n.persistent)
                        && pick(f, ListNetworksFlag.AUTOSTART, n.autostart, ListNetworksFlag.NO_AUTOSTART,
                        !n.autostart)) {
                    out.add(n.ref());
                }
            }
            return out;
        }
    }

    static <E> boolean pick(Set<E> f, E yes, boolean isYes, E no, boolean isNo) {
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
        synchronized (st) {
            List<String> out = new ArrayList<>();
            for (NetworkStore.Net n : st.networks.values()) {
                if (n.active == active) {
                    out.add(n.name());
                }
            }
            return out;
        }
    }

    @Override
    public NetworkRef lookupByName(String name) {
        synchronized (st) {
            return byName(name).ref();
        }
    }

    @Override
    public NetworkRef lookupByUUID(UUID uuid) {
        synchronized (st) {
            NetworkStore.Net n = NetworkStore.find(st, uuid);
            if (n == null) {
                throw Errors.test(ErrorNumber.NO_NETWORK, "no network with matching uuid '%s'", uuid);
            }
            return n.ref();
        }
    }

    @Override
    public NetworkRef createXML(String xml, Set<NetworkCreateFlag> flags) {
        synchronized (st) {
            Document def = NetworkStore.parse(xml);
            NetworkStore.Net n = NetworkStore.assign(st, def, true);
            n.active = true;
            event(n, NetworkEventType.STARTED);
            return n.ref();
        }
    }

    @Override
    public NetworkRef defineXML(String xml, Set<NetworkDefineFlag> flags) {
        synchronized (st) {
            Document def = NetworkStore.parse(xml);
            NetworkStore.Net n = NetworkStore.assign(st, def, false);
            event(n, NetworkEventType.DEFINED);
            return n.ref();
        }
    }

    @Override
    public void undefine(NetworkRef net) {
        synchronized (st) {
            NetworkStore.Net n = byName(net.name());
            if (n.active) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "Network '%s' is still running", net.name());
            }
            event(n, NetworkEventType.UNDEFINED);
            st.networks.remove(n.name());
        }
    }

    @Override
    public void create(NetworkRef net) {
        synchronized (st) {
            NetworkStore.Net n = byName(net.name());
            if (n.active) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "Network '%s' is already running", net.name());
            }
            n.active = true;
            if (n.persistent && n.newDef == null) {
                n.newDef = Xml.copy(n.def);
            }
            event(n, NetworkEventType.STARTED);
        }
    }

    /** testNetworkDestroy does not check that the network runs; neither do we. */
    @Override
    public void destroy(NetworkRef net) {
        synchronized (st) {
            NetworkStore.Net n = byName(net.name());
            n.active = false;
            if (n.newDef != null) {
                n.def = n.newDef;
                n.newDef = null;
            }
            event(n, NetworkEventType.STOPPED);
            if (!n.persistent) {
                st.networks.remove(n.name());
            }
        }
    }

    /** testNetworkUpdate and virNetworkObjUpdate: each affected definition is updated on a copy, then replaced. */
    @Override
    public void update(NetworkRef net, NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex,
                       String xml, Set<NetworkUpdateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(NetworkUpdateFlag.AFFECT_LIVE, NetworkUpdateFlag.AFFECT_CONFIG),
                "testNetworkUpdate");
        synchronized (st) {
            NetworkStore.Net n = byName(net.name());
            boolean live = flags.contains(NetworkUpdateFlag.AFFECT_LIVE);
            boolean config = flags.contains(NetworkUpdateFlag.AFFECT_CONFIG);
            if (!live && !config) {
                live = n.active;
                config = !n.active;
            }
            if (!n.active && live) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID, "network is not running");
            }
            if (config && !n.persistent) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                        "cannot change persistent config of a transient network");
            }
            Document liveDef = null;
            if (live) {
                liveDef = Xml.copy(n.def);
                org.jvirt.xml.network.NetworkDefUpdate.apply(liveDef, command, section, parentIndex, xml);
            }
            Document configDef = null;
            if (config) {
                configDef = Xml.copy(n.active && n.newDef != null ? n.newDef : n.def);
                org.jvirt.xml.network.NetworkDefUpdate.apply(configDef, command, section, parentIndex, xml);
            }
            if (configDef != null) {
                if (n.active) {
                    n.newDef = configDef;
                } else {
                    n.def = configDef;
                }
            }
            if (liveDef != null) {
                if (n.persistent && n.newDef == null) {
                    n.newDef = n.def;
                }
                n.def = liveDef;
            }
        }
    }

    @Override
    public String getXMLDesc(NetworkRef net, Set<NetworkXMLFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(NetworkXMLFlag.class), "testNetworkGetXMLDesc");
        synchronized (st) {
            return Xml.format(byName(net.name()).def);
        }
    }

    @Override
    public String getBridgeName(NetworkRef net) {
        synchronized (st) {
            NetworkStore.Net n = byName(net.name());
            String bridge = Xml.attr(Xml.child(n.def.getDocumentElement(), "bridge"), "name");
            if (bridge == null) {
                throw Errors.test(ErrorNumber.INTERNAL_ERROR, "network '%s' does not have a bridge name.", n.name());
            }
            return bridge;
        }
    }

    @Override
    public boolean getAutostart(NetworkRef net) {
        synchronized (st) {
            return byName(net.name()).autostart;
        }
    }

    @Override
    public void setAutostart(NetworkRef net, boolean autostart) {
        synchronized (st) {
            byName(net.name()).autostart = autostart;
        }
    }

    @Override
    public boolean isActive(NetworkRef net) {
        synchronized (st) {
            NetworkStore.Net n = NetworkStore.find(st, net.uuid());
            if (n == null) {
                throw Errors.test(ErrorNumber.NO_NETWORK, "no network with matching uuid '%s'", net.uuid());
            }
            return n.active;
        }
    }

    @Override
    public boolean isPersistent(NetworkRef net) {
        synchronized (st) {
            NetworkStore.Net n = NetworkStore.find(st, net.uuid());
            if (n == null) {
                throw Errors.test(ErrorNumber.NO_NETWORK, "no network with matching uuid '%s'", net.uuid());
            }
            return n.persistent;
        }
    }
}
