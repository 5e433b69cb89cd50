/**
 * The host interface document ({@code <interface>}, formatnode's sibling forminterface):
 * {@link org.jvirt.xml.iface.InterfaceXml}. Not to be confused with a guest NIC, which is
 * {@link org.jvirt.xml.domain.NetInterfaceXml}.
 */
package org.jvirt.xml.iface;
