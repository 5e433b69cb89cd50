/**
 * Block jobs of running guests (libvirt's qemu_blockjob.c): pull, copy with pivot, commit (inactive and active),
 * their info, speed and abort, over QEMU's job-id'd blockdev-mirror, block-stream and block-commit; the
 * BLOCK_JOB/BLOCK_JOB_2 events; the {@code <mirror>} a copy shows in the live XML. Also block resize and peeks.
 */
package org.jvirt.driver.qemu.blockjob;
