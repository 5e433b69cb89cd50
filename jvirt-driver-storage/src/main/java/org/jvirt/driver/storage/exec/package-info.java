/**
 * Running the host's storage programs (qemu-img, mkfs, mount, parted, lvm, ...): argument lists only, never a
 * shell; where a program is found; libvirt's wording when one fails or is missing.
 */
package org.jvirt.driver.storage.exec;
