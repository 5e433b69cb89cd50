/** nftables rules of virtual networks in jvirt's own tables (libvirt 10's layout), added and removed by handle. */
package org.jvirt.driver.network.firewall;
