/** dnsmasq per network: its configuration (libvirt's directives), the process, the lease helper and the leases. */
package org.jvirt.driver.network.dnsmasq;
