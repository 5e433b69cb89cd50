/**
 * The QEMU guest agent (qemu-ga) of running guests, as libvirt's qemu_agent.c speaks to it: one resynchronised
 * exchange at a time over the host end of the org.qemu.guest_agent.0 virtio channel, only while the guest has
 * that port open, with libvirt's errors and timeouts; the agent-backed domain calls (shutdown and reboot in agent
 * mode, domain time, libvirt-qemu's command passthrough) are built on it.
 */
package org.jvirt.driver.qemu.agent;
