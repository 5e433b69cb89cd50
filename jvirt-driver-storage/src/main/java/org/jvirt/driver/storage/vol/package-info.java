/**
 * Volumes: the definition a client asks for ({@link org.jvirt.driver.storage.vol.VolDef}), what a volume is on
 * disk ({@link org.jvirt.driver.storage.vol.Volume}, found by {@link org.jvirt.driver.storage.vol.ImageProbe}
 * from stat and the image header), its XML, the qemu-img argument lists libvirt's storage_util.c builds (a plain
 * empty qcow2 is written directly by {@link org.jvirt.driver.storage.vol.Qcow2Image}, the same bytes), and the
 * file operations (create, clone, resize, wipe, delete) and streams (upload, download, sparse) on file volumes.
 */
package org.jvirt.driver.storage.vol;
