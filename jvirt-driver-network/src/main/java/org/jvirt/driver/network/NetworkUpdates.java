package org.jvirt.driver.network;

import java.util.EnumSet;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.VirtException;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.firewall.NetworkRules;
import org.jvirt.driver.network.obj.NetworkObj;
import org.jvirt.driver.network.obj.RunState;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.xml.network.NetworkDefUpdate;
import org.jvirt.xml.network.NetworkXml;

/**
 * networkUpdate: the section is changed on copies of the affected definitions (so a bad request changes
 * nothing), each copy is checked as a whole, then the config is saved and a running dnsmasq told: a changed
 * host list is re-read on SIGHUP, a changed range, TXT or SRV record needs a dnsmasq restart, and a changed
 * forward interface new firewall rules (they name the device), as libvirt does.
 */
final class NetworkUpdates {

    private NetworkUpdates() {
    }

    static void apply(NetworkState st, NetworkObj o, NetworkUpdateCommand command, NetworkUpdateSection section,
                      int parentIndex, String xml, Set<NetworkUpdateFlag> flags) {
        Set<NetworkUpdateFlag> known = EnumSet.of(NetworkUpdateFlag.AFFECT_LIVE, NetworkUpdateFlag.AFFECT_CONFIG);
        for (NetworkUpdateFlag f : flags) {
            if (!known.contains(f)) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INVALID_ARG,
                        "unsupported flags (0x%x) in function networkUpdate", f.bit());
            }
        }
        boolean live = flags.contains(NetworkUpdateFlag.AFFECT_LIVE);
        boolean config = flags.contains(NetworkUpdateFlag.AFFECT_CONFIG);
        if (!live && !config) {
            live = o.active();
            config = !o.active();
        }
        if (!o.active() && live) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID, "network is not running");
        }
        if (config && !o.persistent()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                    "cannot change persistent config of a transient network");
        }
        if (live && section == NetworkUpdateSection.FORWARD_INTERFACE && command == NetworkUpdateCommand.DELETE) {
            inUse(o, xml);
        }
        NetworkXml liveDef = null;
        if (live) {
            liveDef = copy(o.def());
            NetworkDefUpdate.apply(liveDef.document(), command, section, parentIndex, xml);
            NetworkDef.of(liveDef);
        }
        NetworkXml configDef = null;
        if (config) {
            configDef = copy(o.persistentDef());
            NetworkDefUpdate.apply(configDef.document(), command, section, parentIndex, xml);
            NetworkDef.of(configDef);
        }
        if (configDef != null) {
            st.store.saveConfig(configDef);
            if (o.active()) {
                o.setNewDef(configDef);
            } else {
                o.setDef(configDef);
            }
        }
        if (liveDef != null) {
            o.setDef(liveDef);
            NetworkDef def = NetworkDef.of(liveDef);
            RunState run = o.run();
            if (def.needsDnsmasq()) {
                // dnsmasq re-reads its hosts files on SIGHUP; ranges, TXT and SRV records need a new dnsmasq
                if (section == NetworkUpdateSection.IP_DHCP_RANGE || section == NetworkUpdateSection.DNS_TXT
                        || section == NetworkUpdateSection.DNS_SRV || run.dnsmasqPid() == 0) {
                    st.dnsmasq.stop(run.dnsmasqPid(), def.name());
                    run = new RunState(st.dnsmasq.start(def), run.rules(), run.tableMade());
                } else {
                    st.dnsmasq.writeConfig(def);
                    st.dnsmasq.reload(run.dnsmasqPid(), def.name());
                }
            }
            if (section == NetworkUpdateSection.FORWARD_INTERFACE && def.forward().ownBridge()
                    && !run.rules().isEmpty()) {
                // the rules name the forward device (libvirt removes and reloads them around such an update)
                st.nft.remove(run.rules(), Set.of());
                run = new RunState(run.dnsmasqPid(), st.nft.add(NetworkRules.of(def)), run.tableMade());
            }
            o.setRun(run);
            st.store.saveStatus(liveDef, run);
        }
    }

    /** virNetworkDefUpdateForwardInterface: a forward device that ports use cannot be deleted from the live def. */
    private static void inUse(NetworkObj o, String xml) {
        org.w3c.dom.Element e;
        try {
            e = org.jvirt.xml.XmlParser.defaults().parse(xml).getDocumentElement();
        } catch (VirtException bad) {
            return; // NetworkDefUpdate reports malformed XML with libvirt's words
        }
        String dev = org.jvirt.xml.Dom.attribute(e, "dev");
        int n = dev == null ? 0 : InterfacePool.connections(o.ports().values(), dev);
        if (n > 0) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                    "unable to delete interface '%s' in network '%s'. It is currently being used  by %d domains.",
                    dev, o.name(), n);
        }
    }

    private static NetworkXml copy(NetworkXml x) {
        return NetworkXml.parse(x.toXml());
    }
}
