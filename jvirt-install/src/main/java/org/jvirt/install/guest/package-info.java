/**
 * The guest a request becomes: {@link org.jvirt.install.guest.GuestComposer} applies virt-install's defaults (from
 * the OS and the host) and writes the domain XML in virt-install's own layout, element order and quoting, through
 * the small {@link org.jvirt.install.guest.XmlNode} tree.
 */
package org.jvirt.install.guest;
