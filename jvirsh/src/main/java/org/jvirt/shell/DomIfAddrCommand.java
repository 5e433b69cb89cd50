package org.jvirt.shell;

import java.util.List;
import java.util.Locale;
import org.jvirt.Domain;
import org.jvirt.DomainInterface;
import org.jvirt.DomainInterfaceAddressesSource;
import org.jvirt.VirtException;

/** domifaddr (virsh-domain-monitor.c's cmdDomIfAddr); the command is declared in MonitorCommands. */
final class DomIfAddrCommand {

    private DomIfAddrCommand() {
    }

    static boolean run(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String iface = cmd.string("interface");
        boolean full = cmd.bool("full");
        String src = cmd.string("source");
        DomainInterfaceAddressesSource source = DomainInterfaceAddressesSource.LEASE;
        if (src != null) {
            try {
                source = DomainInterfaceAddressesSource.valueOf(src.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw sh.fail("Unknown data source '%s'", src);
            }
        }
        List<DomainInterface> ifaces;
        try {
            ifaces = d.interfaceAddresses(source);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to query for interfaces addresses");
        }
        sh.printExtra(" %-10s %-20s %-8s     %s\n%s%s\n", "Name", "MAC address", "Protocol", "Address",
                "-------------------------------------------------", "------------------------------");
        for (DomainInterface i : ifaces) {
            if (iface != null && !iface.equals(i.name())) {
                continue;
            }
            if (i.addrs().isEmpty()) {
                sh.print(" %-10s %-17s    %-12s %s\n", i.name(), i.hwaddr() == null ? "N/A" : i.hwaddr(), "N/A",
                        "N/A");
                continue;
            }
            for (int j = 0; j < i.addrs().size(); j++) {
                DomainInterface.Address a = i.addrs().get(j);
                String addr = String.format(Locale.ROOT, "%-12s %s/%d", a.type() == DomainInterface.Address.IPV6 ? "ipv6" : "ipv4", a.addr(),
                        a.prefix());
                if (full || j == 0) {
                    sh.print(" %-10s %-17s    %s\n", i.name(), i.hwaddr() == null ? "" : i.hwaddr(), addr);
                } else {
                    sh.print(" %-10s %-17s    %s\n", "-", "-", addr);
                }
            }
        }
        return true;
    }
}
