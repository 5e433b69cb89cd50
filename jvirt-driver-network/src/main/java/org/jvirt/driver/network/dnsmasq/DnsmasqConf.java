package org.jvirt.driver.network.dnsmasq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.conf.ForwardMode;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * The dnsmasq configuration of one network, with the directives libvirt 9.0 writes and in its order
 * (networkDnsmasqConfContents), plus its DHCP hosts file and additional-hosts file. Pure: paths in, text out.
 *
 * @param conf      the whole dnsmasq.conf text
 * @param hostsfile dhcp-hostsfile content ("mac,ip,name" lines)
 * @param addnhosts addn-hosts content ("ip\tname..." lines)
 */
public record DnsmasqConf(String conf, String hostsfile, String addnhosts) {

    public static DnsmasqConf of(NetworkDef def, Path pidFile, Path hostsfilePath, Path addnhostsPath) {
        StringBuilder c = new StringBuilder();
        c.append("##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n")
                .append("##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n")
                .append("##    virsh net-edit ").append(def.name()).append('\n')
                .append("## or other application using the libvirt API.\n")
                .append("##\n## dnsmasq conf file created by libvirt\n")
                .append("strict-order\n");
        NetworkDef.Dns dns = def.dns();
        boolean wantDns = dns.enable();
        if (!wantDns) {
            c.append("port=0\n");
        }
        if (wantDns && !dns.forwarders().isEmpty()) {
            boolean noResolv = false;
            for (NetworkDef.Forwarder f : dns.forwarders()) {
                c.append("server=");
                if (f.domain() != null) {
                    c.append('/').append(f.domain()).append('/');
                }
                if (f.addr() != null) {
                    c.append(f.addr()).append('\n');
                    noResolv |= f.domain() == null;
                } else {
                    c.append("#\n");
                }
            }
            if (noResolv) {
                c.append("no-resolv\n");
            }
        }
        if (def.domain() != null) {
            if (def.domainLocalOnly()) {
                c.append("local=/").append(def.domain()).append("/\n");
            }
            c.append("domain=").append(def.domain()).append('\n').append("expand-hosts\n");
        }
        if (wantDns && Boolean.FALSE.equals(dns.forwardPlainNames())) {
            c.append("domain-needed\n").append("local=//\n");
        }
        if (pidFile != null) {
            c.append("pid-file=").append(pidFile).append('\n');
        }
        c.append("except-interface=lo\n");
        c.append("bind-dynamic\n").append("interface=").append(def.bridge()).append('\n');
        if (def.forward() == ForwardMode.NONE) {
            c.append("dhcp-option=3\n").append("no-resolv\n").append("ra-param=*,0,0\n");
        }
        if (wantDns) {
            for (String[] t : dns.txts()) {
                c.append("txt-record=").append(t[0]).append(',').append(t[1]).append('\n');
            }
            for (Element srv : dns.srvs()) {
                srv(c, def.name(), srv);
            }
        }
        NetworkDef.IpDef v4 = null;
        NetworkDef.IpDef v6 = null;
        boolean slaac = false;
        boolean tftp = false;
        for (NetworkDef.IpDef ip : def.ips()) {
            if (!ip.v6()) {
                if (ip.dhcp()) {
                    if (v4 != null) {
                        throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.CONFIG_UNSUPPORTED,
                                "For IPv4, multiple DHCP definitions cannot be specified.");
                    }
                    v4 = ip;
                }
                if (ip.tftpRoot() != null) {
                    if (!tftp) {
                        c.append("enable-tftp\n");
                        tftp = true;
                    }
                    c.append("tftp-root=").append(ip.tftpRoot()).append('\n');
                }
            } else if (ip.dhcp()) {
                if (v6 != null) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.CONFIG_UNSUPPORTED,
                            "For IPv6, multiple DHCP definitions cannot be specified.");
                }
                v6 = ip;
            } else {
                slaac = true;
            }
        }
        List<String> hosts = new ArrayList<>();
        int leases = dhcp(c, v4, hosts) + dhcp(c, v6, hosts);
        if (leases > 0) {
            c.append("dhcp-lease-max=").append(leases).append('\n');
        }
        if (v4 != null || v6 != null) {
            c.append("dhcp-hostsfile=").append(hostsfilePath).append('\n');
        }
        if (wantDns) {
            c.append("addn-hosts=").append(addnhostsPath).append('\n');
        }
        if (def.mtu() != null && def.mtu() > 0) {
            c.append("dhcp-option=option:mtu,").append(def.mtu()).append('\n');
        }
        if (v6 != null) {
            c.append("enable-ra\n");
        } else if (slaac) {
            for (NetworkDef.IpDef ip : def.ips()) {
                if (ip.v6() && !ip.dhcp()) {
                    c.append("dhcp-range=").append(ip.subnet().address()).append(",ra-only\n");
                }
            }
        }
        StringBuilder addn = new StringBuilder();
        if (wantDns) {
            for (NetworkDef.DnsHost h : dns.hosts()) {
                addn.append(h.ip());
                for (String n : h.names()) {
                    addn.append('\t').append(n);
                }
                addn.append('\n');
            }
        }
        StringBuilder hf = new StringBuilder();
        hosts.forEach(h -> hf.append(h).append('\n'));
        return new DnsmasqConf(c.toString(), hf.toString(), addn.toString());
    }

    /** networkDnsmasqConfDHCP: ranges (netmask for IPv4, prefix for IPv6), static-only service, IPv4 extras. */
    private static int dhcp(StringBuilder c, NetworkDef.IpDef ip, List<String> hosts) {
        if (ip == null) {
            return 0;
        }
        int leases = 0;
        for (NetworkDef.Range r : ip.ranges()) {
            c.append("dhcp-range=").append(r.start()).append(',').append(r.end()).append(',')
                    .append(ip.v6() ? Integer.toString(ip.subnet().prefix()) : ip.subnet().netmaskText());
            if (r.lease() != null) {
                c.append(',').append(r.lease());
            }
            c.append('\n');
            leases += NetworkDef.checkRange(r.start(), r.end(), ip.subnet());
        }
        if (ip.ranges().isEmpty() && !ip.hosts().isEmpty()) {
            c.append("dhcp-range=").append(ip.subnet().address()).append(",static");
            if (ip.v6()) {
                c.append(',').append(ip.subnet().prefix());
            }
            c.append('\n');
        }
        for (NetworkDef.Host h : ip.hosts()) {
            if (ip.v6()) {
                StringBuilder s = new StringBuilder();
                if (h.id() != null) {
                    s.append("id:").append(h.id()).append(',');
                }
                if (h.name() != null) {
                    s.append(h.name()).append(',');
                }
                hosts.add(s.append('[').append(h.ip()).append(']').append(lease(h)).toString());
            } else if (h.mac() != null) {
                hosts.add(h.mac() + "," + h.ip() + (h.name() != null ? "," + h.name() : "") + lease(h));
            } else {
                hosts.add(h.name() + "," + h.ip() + lease(h));
            }
        }
        if (!ip.v6()) {
            c.append("dhcp-no-override\n").append("dhcp-authoritative\n");
            if (ip.bootFile() != null) {
                c.append("dhcp-boot=").append(ip.bootFile());
                if (ip.bootServer() != null) {
                    c.append(",,").append(ip.bootServer());
                }
                c.append('\n');
            }
        }
        return leases;
    }

    private static String lease(NetworkDef.Host h) {
        return h.lease() == null ? "" : "," + h.lease();
    }

    private static void srv(StringBuilder c, String net, Element srv) {
        String service = Dom.attribute(srv, "service");
        String protocol = Dom.attribute(srv, "protocol");
        if (service == null || protocol == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                    "Missing required 'service' attribute in SRV record of network '%s'", net);
        }
        c.append("srv-host=_").append(service).append("._").append(protocol);
        String domain = Dom.attribute(srv, "domain");
        if (domain != null) {
            c.append('.').append(domain);
        }
        String target = Dom.attribute(srv, "target");
        if (target != null && !target.equals(".")) {
            c.append(',').append(target);
            int port = num(srv, "port");
            int priority = num(srv, "priority");
            int weight = num(srv, "weight");
            if (port != 0 || priority != 0 || weight != 0) {
                c.append(',').append(port != 0 ? port : 1);
            }
            if (priority != 0 || weight != 0) {
                c.append(',').append(priority);
            }
            if (weight != 0) {
                c.append(',').append(weight);
            }
        }
        c.append('\n');
    }

    private static int num(Element e, String attr) {
        String v = Dom.attribute(e, attr);
        return v == null ? 0 : Integer.parseInt(v);
    }
}
