package org.jvirt.driver.qemu.device;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.DomainInterface;
import org.jvirt.NetworkDHCPLease;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * virDomainInterfaceAddresses with the lease source (virDomainNetDHCPInterfaces): the DHCP leases of each NIC
 * on a virtual network, by its MAC, asked of the network through the public API.
 */
public final class LeaseAddresses {

    private LeaseAddresses() {
    }

    public static List<DomainInterface> of(DomainObj dom, String networkUri) {
        List<NetInterfaceXml> nics = dom.requireRun().liveDef().devices().interfaces();
        List<DomainInterface> out = new ArrayList<>();
        try (Connect c = Connect.open(networkUri)) {
            for (NetInterfaceXml nic : nics) {
                if (!(nic.source() instanceof InterfaceSource.Network n) || nic.mac() == null) {
                    continue;
                }
                String mac = nic.mac().toString();
                List<NetworkDHCPLease> leases = c.networkLookupByName(n.network()).getDHCPLeases(mac);
                if (leases.isEmpty()) {
                    continue; // libvirt lists only interfaces that have a lease
                }
                out.add(new DomainInterface(nic.targetDev(), mac, leases.stream()
                        .map(l -> new DomainInterface.Address(l.type(), l.ipaddr(), l.prefix())).toList()));
            }
        }
        return out;
    }
}
