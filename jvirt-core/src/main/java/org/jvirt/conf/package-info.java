/**
 * Configuration files in libvirt's format (libvirt.conf, libvirtd.conf).
 */
package org.jvirt.conf;
