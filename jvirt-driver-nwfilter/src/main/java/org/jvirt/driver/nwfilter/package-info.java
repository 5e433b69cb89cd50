/**
 * The nwfilter driver (libvirt's nwfilter driver): network filters and their bindings to guest ports, served
 * as {@code nwfilter:///system|session} and lent to every local hypervisor connection of a scope; filters
 * applied as nftables bridge-family rules in the table {@code bridge jvirt_nwfilter}.
 */
package org.jvirt.driver.nwfilter;
