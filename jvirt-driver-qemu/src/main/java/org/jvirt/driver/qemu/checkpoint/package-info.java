/**
 * Checkpoints of QEMU guests (libvirt's qemu_checkpoint.c): a checkpoint is a persistent dirty bitmap, named like
 * the checkpoint, in each of the guest's qcow2 disks that take part, made and removed through QMP while the guest
 * runs ({@link org.jvirt.driver.qemu.checkpoint.DirtyBitmaps}); the tree, the current checkpoint and the definition
 * each was taken with live in metadata files ({@link org.jvirt.driver.qemu.checkpoint.CheckpointMeta}).
 */
package org.jvirt.driver.qemu.checkpoint;
