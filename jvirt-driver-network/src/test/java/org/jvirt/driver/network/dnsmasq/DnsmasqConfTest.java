package org.jvirt.driver.network.dnsmasq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.conf.NetworkParse;
import org.junit.jupiter.api.Test;

/**
 * The dnsmasq configuration libvirt 9.0 writes for a network (networkxml2conftest's cases: IPv6 DHCP with
 * static hosts by id and name, SRV and TXT records, lease times, MTU, RA-only IPv6, forwarders), with libvirt's
 * file paths so that the text can be compared line for line.
 */
class DnsmasqConfTest {

    private static final String HEAD = """
            ##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE
            ##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:
            ##    virsh net-edit default
            ## or other application using the libvirt API.
            ##
            ## dnsmasq conf file created by libvirt
            strict-order
            """;

    private static DnsmasqConf conf(String body) {
        NetworkDef def = NetworkDef.of(NetworkParse.parse("<network><name>default</name>" + body + "</network>"));
        return DnsmasqConf.of(def, null, Path.of("/var/lib/libvirt/dnsmasq/default.hostsfile"),
                Path.of("/var/lib/libvirt/dnsmasq/default.addnhosts"));
    }

    @Test
    void ipv6DhcpWithStaticHostsByIdAndName() {
        DnsmasqConf c = conf("""
                <forward mode='nat'/><bridge name='virbr0'/><domain name='mynet'/>
                <ip family='ipv6' address='2001:db8:ac10:fd01::1' prefix='64'><dhcp>
                  <range start='2001:db8:ac10:fd01::1:10' end='2001:db8:ac10:fd01::1:ff'/>
                  <host id='0:4:7e:7d:f0:7d:a8:bc:c5:d2:13:32:11:ed:16:ea:84:63' ip='2001:db8:ac10:fd01::1:20'/>
                  <host name='paul' ip='2001:db8:ac10:fd01::1:21'/>
                  <host id='0:3:0:1:0:16:3e:11:22:33' name='peter.xyz' ip='2001:db8:ac10:fd01::1:22'/>
                </dhcp></ip>""");
        assertEquals(HEAD + """
                domain=mynet
                expand-hosts
                except-interface=lo
                bind-dynamic
                interface=virbr0
                dhcp-range=2001:db8:ac10:fd01::1:10,2001:db8:ac10:fd01::1:ff,64
                dhcp-lease-max=240
                dhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile
                addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts
                enable-ra
                """, c.conf());
        assertEquals("""
                id:0:4:7e:7d:f0:7d:a8:bc:c5:d2:13:32:11:ed:16:ea:84:63,[2001:db8:ac10:fd01::1:20]
                paul,[2001:db8:ac10:fd01::1:21]
                id:0:3:0:1:0:16:3e:11:22:33,peter.xyz,[2001:db8:ac10:fd01::1:22]
                """, c.hostsfile());
    }

    @Test
    void srvAndTxtRecordsAndRaOnlyIpv6() {
        DnsmasqConf c = conf("""
                <forward mode='nat'/><bridge name='virbr0'/>
                <dns>
                  <txt name='example' value='example value'/>
                  <srv service='name' protocol='tcp' domain='test-domain-name.com' target='test.example.com'
                       port='1111' priority='11' weight='111'/>
                  <srv service='name3' protocol='tcp' domain='test3.com' target='test3.example.com' port='3333'
                       priority='33'/>
                  <srv service='name5' protocol='udp' target='test5.example.com' priority='55' weight='555'/>
                  <srv service='name7' protocol='tcp' domain='test7.com' target='test7.example.com' weight='777'/>
                </dns>
                <ip address='192.168.122.1' netmask='255.255.255.0'>
                  <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp></ip>
                <ip family='ipv6' address='2001:db8:ac10:fe01::1' prefix='64'/>""");
        assertEquals(HEAD + """
                except-interface=lo
                bind-dynamic
                interface=virbr0
                txt-record=example,example value
                srv-host=_name._tcp.test-domain-name.com,test.example.com,1111,11,111
                srv-host=_name3._tcp.test3.com,test3.example.com,3333,33
                srv-host=_name5._udp,test5.example.com,1,55,555
                srv-host=_name7._tcp.test7.com,test7.example.com,1,0,777
                dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0
                dhcp-no-override
                dhcp-authoritative
                dhcp-lease-max=253
                dhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile
                addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts
                dhcp-range=2001:db8:ac10:fe01::1,ra-only
                """, c.conf());
    }

    @Test
    void leaseTimesMtuForwardersAndDnsHosts() {
        DnsmasqConf c = conf("""
                <forward mode='nat'/><bridge name='virbr0'/><mtu size='7000'/>
                <dns forwardPlainNames='no'>
                  <forwarder domain='example.com' addr='192.168.1.1'/>
                  <forwarder addr='8.8.4.4'/>
                  <forwarder domain='www.example.com'/>
                  <host ip='192.168.122.1'><hostname>host</hostname><hostname>gateway</hostname></host>
                </dns>
                <ip address='192.168.122.1' netmask='255.255.255.0'><dhcp>
                  <range start='192.168.122.2' end='192.168.122.254'><lease expiry='1' unit='hours'/></range>
                  <host mac='00:16:3e:77:e2:ed' name='a.example.com' ip='192.168.122.10'>
                    <lease expiry='2' unit='hours'/></host>
                  <host mac='00:16:3e:3e:a9:1a' name='b.example.com' ip='192.168.122.11'>
                    <lease expiry='0'/></host>
                </dhcp></ip>""");
        assertEquals(HEAD + """
                server=/example.com/192.168.1.1
                server=8.8.4.4
                server=/www.example.com/#
                no-resolv
                domain-needed
                local=//
                except-interface=lo
                bind-dynamic
                interface=virbr0
                dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0,1h
                dhcp-no-override
                dhcp-authoritative
                dhcp-lease-max=253
                dhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile
                addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts
                dhcp-option=option:mtu,7000
                """, c.conf());
        assertEquals("00:16:3e:77:e2:ed,192.168.122.10,a.example.com,2h\n"
                + "00:16:3e:3e:a9:1a,192.168.122.11,b.example.com,infinite\n", c.hostsfile());
        assertEquals("192.168.122.1\thost\tgateway\n", c.addnhosts());
    }
}
