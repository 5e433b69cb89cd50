package org.jvirt.driver.qemu.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.NetInterfaceXml;
import org.jvirt.xml.value.MacAddress;

/**
 * Interface statistics (virDomainInterfaceStats, and the net.* group of virConnectGetAllDomainStats) from the
 * host side of a NIC's tap. What the tap receives the guest sent, so receive and transmit swap, as libvirt's
 * virNetDevTapInterfaceStats does for taps. A user-mode NIC has no host device and no statistics.
 */
public final class NetStats {

    private static final Path SYS_NET = Path.of("/sys/class/net");

    private NetStats() {
    }

    /** virDomainInterfaceStats: the NIC named by its tap or its MAC. */
    public static DomainInterfaceStats of(DomainObj dom, String device) {
        DomainRun run = dom.requireRun();
        NetInterfaceXml nic;
        synchronized (dom) {
            nic = find(run.liveDef(), device);
        }
        if (nic.targetDev() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "Interface name not provided");
        }
        return read(nic.targetDev());
    }

    /** The net.* typed parameters for a running domain's NICs (those without a host device are skipped). */
    public static void addStats(DomainXml live, Map<String, Object> p) {
        List<NetInterfaceXml> nics = live.devices().interfaces();
        p.put("net.count", nics.size());
        for (int i = 0; i < nics.size(); i++) {
            String ifname = nics.get(i).targetDev();
            if (ifname == null) {
                continue;
            }
            p.put("net." + i + ".name", ifname);
            DomainInterfaceStats s;
            try {
                s = read(ifname);
            } catch (VirtException e) {
                continue; // as libvirt: the name, and no numbers
            }
            p.put("net." + i + ".rx.bytes", s.rxBytes());
            p.put("net." + i + ".rx.pkts", s.rxPackets());
            p.put("net." + i + ".rx.errs", s.rxErrs());
            p.put("net." + i + ".rx.drop", s.rxDrop());
            p.put("net." + i + ".tx.bytes", s.txBytes());
            p.put("net." + i + ".tx.pkts", s.txPackets());
            p.put("net." + i + ".tx.errs", s.txErrs());
            p.put("net." + i + ".tx.drop", s.txDrop());
        }
    }

    /** libvirt's virDomainNetFind: a MAC address, or else the host-side name. */
    private static NetInterfaceXml find(DomainXml def, String device) {
        MacAddress mac = MacAddress.tryParse(device);
        for (NetInterfaceXml n : def.devices().interfaces()) {
            if (mac != null ? mac.equals(n.mac()) : device.equals(n.targetDev())) {
                return n;
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "'%s' is not a known interface", device);
    }

    /** A tap's counters, seen from the guest: the tap's tx is the guest's rx. */
    static DomainInterfaceStats read(String ifname) {
        Path stats = SYS_NET.resolve(ifname).resolve("statistics");
        if (!Files.isDirectory(stats)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "/proc/net/dev: Interface not found");
        }
        return new DomainInterfaceStats(num(stats, "tx_bytes"), num(stats, "tx_packets"), num(stats, "tx_errors"),
                num(stats, "tx_dropped"), num(stats, "rx_bytes"), num(stats, "rx_packets"), num(stats, "rx_errors"),
                num(stats, "rx_dropped"));
    }

    private static long num(Path dir, String name) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name)).strip());
        } catch (IOException | NumberFormatException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "/proc/net/dev: Interface not found");
        }
    }
}
