/**
 * Provisioning, virt-install's job, as a Java API: an {@link org.jvirt.install.InstallRequest} (what the user
 * asked for, as virt-install's options say it) goes to a {@link org.jvirt.install.Provisioner}, which fills in the
 * OS-aware defaults from the osinfo database and the host's capabilities, returns the domain XML virt-install would
 * print, and performs the install: volumes in the {@code default} pool, seed media, define, start, wait. Works
 * against any connection (jvirtd, a real libvirtd, in-process drivers): it only uses the public API.
 */
package org.jvirt.install;
