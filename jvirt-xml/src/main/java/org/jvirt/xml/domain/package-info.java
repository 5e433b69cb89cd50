/**
 * The domain document ({@code <domain>}, formatdomain): {@link org.jvirt.xml.domain.DomainXml} and the views
 * over its parts (os, cpu, clock, features, devices and each device kind). Device source choices that libvirt
 * selects with a {@code type=} attribute are sealed interfaces of exclusive variants
 * ({@link org.jvirt.xml.domain.DiskSource}, {@link org.jvirt.xml.domain.InterfaceSource}).
 */
package org.jvirt.xml.domain;
