package org.jvirt.daemon.dispatch;

import static org.jvirt.rpc.proto.remote.DomainStatsProcedures.DOMAIN_INTERFACE_ADDRESSES;

import org.jvirt.DomainInterfaceAddressesSource;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.RemoteDomainInterface;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.RemoteDomainInterfaceAddressesRet;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.RemoteDomainIpAddr;

/** virDomainInterfaceAddresses: the addresses of a guest's interfaces, by source (lease, agent, ARP). */
final class DomainInterfaceServe {

    private DomainInterfaceServe() {
    }

    static void register(DispatchTable t) {
        t.on(DOMAIN_INTERFACE_ADDRESSES, (c, a) -> {
            c.noFlags(a.flags());
            DomainInterfaceAddressesSource source = DomainInterfaceAddressesSource.fromCode(a.source());
            if (source == null) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "Unknown IP address data source %d",
                        a.source());
            }
            return new RemoteDomainInterfaceAddressesRet(Wire.dom(c.conn(), a.dom()).interfaceAddresses(source)
                    .stream().map(i -> new RemoteDomainInterface(i.name(), i.hwaddr(), i.addrs().stream()
                            .map(x -> new RemoteDomainIpAddr(x.type(), x.addr(), x.prefix())).toList()))
                    .toList());
        });
    }
}
