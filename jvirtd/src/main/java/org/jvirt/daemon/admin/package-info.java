/**
 * The daemon's administration interface (libvirt's admin server): the admin socket {@code jvirt-admin-sock},
 * root-only, serving libvirt's ADMIN program so that real {@code virt-admin} lists jvirtd's servers and clients,
 * reads and changes thread-pool and client limits, disconnects clients, changes log filters and outputs and the
 * auto-shutdown timeout, and reloads TLS certificates. The daemon's session machinery is reused; what is
 * administered is reached through {@link org.jvirt.daemon.admin.ManagedServer}.
 */
package org.jvirt.daemon.admin;
