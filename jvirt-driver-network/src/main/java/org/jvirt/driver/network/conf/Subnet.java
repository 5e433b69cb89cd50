package org.jvirt.driver.network.conf;

import java.math.BigInteger;

/** An interface address with its prefix: the network it names, its netmask and (IPv4) broadcast address. */
public record Subnet(IpAddr address, int prefix) {

    public IpAddr network() {
        return address.masked(prefix);
    }

    public IpAddr broadcast() {
        BigInteger host = BigInteger.ONE.shiftLeft(address.bits() - prefix).subtract(BigInteger.ONE);
        return new IpAddr(address.v6(), network().value().or(host));
    }

    /** The IPv4 netmask as dotted text (dnsmasq wants a netmask, not a prefix). */
    public String netmaskText() {
        return new IpAddr(address.v6(), IpAddr.mask(address.v6(), prefix)).toString();
    }

    public boolean contains(IpAddr a) {
        return a.v6() == address.v6() && a.masked(prefix).equals(network());
    }

    /** Whether two subnets share any address. */
    public boolean overlaps(Subnet o) {
        if (o.address.v6() != address.v6()) {
            return false;
        }
        int p = Math.min(prefix, o.prefix);
        return address.masked(p).equals(o.address.masked(p));
    }

    /** "192.168.122.0/24". */
    public String cidr() {
        return network() + "/" + prefix;
    }
}
