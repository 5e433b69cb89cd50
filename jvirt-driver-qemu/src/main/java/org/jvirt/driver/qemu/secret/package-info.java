/**
 * Secrets the QEMU driver hands to QEMU (libvirt's qemu_domain secret preparation): which secret a LUKS-encrypted
 * disk names ({@link org.jvirt.driver.qemu.secret.LuksEncryption}), and its value fetched from the scope's secret
 * driver through the public API inside {@link org.jvirt.spi.Elevation#call} and written to a 0600 file in the
 * guest's run directory that QEMU reads at start and that is removed as soon as QEMU has read it
 * ({@link org.jvirt.driver.qemu.secret.SecretFiles}). A value is never on a command line, in a log or in a status
 * file.
 */
package org.jvirt.driver.qemu.secret;
