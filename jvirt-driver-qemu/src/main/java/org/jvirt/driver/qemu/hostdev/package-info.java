/**
 * Host devices given to a guest ({@code <hostdev>}): what a definition names on the host
 * ({@link org.jvirt.driver.qemu.hostdev.HostdevSource}) and the host-side checks, detach and re-attach around a
 * guest's life ({@link org.jvirt.driver.qemu.hostdev.HostdevPrepare}), through the node device driver's public API.
 */
package org.jvirt.driver.qemu.hostdev;
