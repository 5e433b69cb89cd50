/**
 * The storage side of an install, through the public API only: the {@code default} pool (made as virt-install
 * makes it when missing), new volumes for --disk size=, uploads of generated media (seed ISOs, install kernels),
 * and the undo of all of it when a later step fails.
 */
package org.jvirt.install.storage;
