/**
 * The QEMU/KVM driver: real qemu-system processes driven over QMP. This package holds the SPI side
 * ({@code qemu:///system} and {@code qemu:///session}, the entry-point tables, the shared driver state);
 * subpackages: {@code domain} (domains, config and status files, events), {@code lifecycle} (start, stop, QMP
 * events, reconnect, save/restore, runtime queries), {@code monitor} (the QMP client), {@code process}
 * (starting, watching and stopping qemu), {@code caps} (what a binary can do, and the capabilities documents),
 * {@code command} (domain XML to a qemu argument list), {@code firmware} (UEFI firmware selection and NVRAM),
 * {@code device} (hot-plug, and the helper daemons a guest runs with: swtpm, virtiofsd).
 *
 * <p>Host files, as libvirt's: QEMU's firmware descriptors ({@code /usr/share/qemu/firmware},
 * {@code /etc/qemu/firmware}), its vhost-user descriptors (virtiofsd), {@code qemu.conf} in the scope's config
 * directory ({@code spice_tls}, {@code spice_tls_x509_cert_dir}); per guest under the state directory:
 * {@code nvram/NAME_VARS.fd} and {@code swtpm/UUID/}. swtpm is looked up on $PATH (the system property
 * {@code jvirt.swtpm.path} overrides it).
 */
package org.jvirt.driver.qemu;
