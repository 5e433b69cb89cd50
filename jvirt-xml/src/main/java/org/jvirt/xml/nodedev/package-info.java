/** The node device document ({@code <device>}, formatnode): {@link org.jvirt.xml.nodedev.NodeDeviceXml}. */
package org.jvirt.xml.nodedev;
