package org.jvirt;

/** libvirt's {@code virNetworkDHCPLease}. {@code expiryTime} is seconds since the epoch. */
public record NetworkDHCPLease(String iface, long expiryTime, int type, String mac, String iaid, String ipaddr,
                               int prefix, String hostname, String clientId) {
}
