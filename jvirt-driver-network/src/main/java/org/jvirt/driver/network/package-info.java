/**
 * The virtual network driver: networks on the host's kernel bridge with one dnsmasq each and nftables rules,
 * lent to every local hypervisor connection and served as network:///system and network:///session. The
 * entry points and driver state live here; sub-packages hold the host parts (bridge, dnsmasq, firewall), the
 * definitions (conf), the objects and their files (obj), and how programs run (exec).
 */
package org.jvirt.driver.network;
