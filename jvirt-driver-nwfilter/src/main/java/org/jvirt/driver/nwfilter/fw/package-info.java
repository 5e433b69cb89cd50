/**
 * From filters to the kernel: a binding's filter tree flattened with its variables
 * ({@link org.jvirt.driver.nwfilter.fw.Instantiator}), laid out in chains per protocol in libvirt's order
 * ({@link org.jvirt.driver.nwfilter.fw.ChainLayout}), written as nftables bridge-family rules
 * ({@link org.jvirt.driver.nwfilter.fw.NftMatch}) and applied to the port in one transaction
 * ({@link org.jvirt.driver.nwfilter.fw.BridgeFirewall}).
 */
package org.jvirt.driver.nwfilter.fw;
