/**
 * Capability documents, which drivers write and clients read: host capabilities ({@code <capabilities>},
 * {@link org.jvirt.xml.caps.CapabilitiesXml}) and domain capabilities ({@code <domainCapabilities>},
 * {@link org.jvirt.xml.caps.DomainCapabilitiesXml}).
 */
package org.jvirt.xml.caps;
