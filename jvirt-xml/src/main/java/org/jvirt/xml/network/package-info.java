/** The virtual network document ({@code <network>}, formatnetwork): {@link org.jvirt.xml.network.NetworkXml}. */
package org.jvirt.xml.network;
