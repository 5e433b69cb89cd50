/** jvirtd.conf with libvirtd.conf's key names, and the default paths (never libvirt's own by default). */
package org.jvirt.daemon.config;
