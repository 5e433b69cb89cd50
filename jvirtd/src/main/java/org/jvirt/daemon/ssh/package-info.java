/** The daemon side of {@code +ssh} (virt-ssh-helper's job): stdin/stdout bridged to the local jvirtd socket. */
package org.jvirt.daemon.ssh;
