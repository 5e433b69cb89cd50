/**
 * The public jvirt API: connections opened by URI ({@link org.jvirt.Connect}), the objects they manage (domains,
 * networks, storage pools and volumes, node devices, host interfaces, secrets, network filters, snapshots,
 * checkpoints, streams), their info records, and {@link org.jvirt.VirtException} with libvirt's error numbers and domains.
 * Each public method names the libvirt function it implements with {@link org.jvirt.Libvirt}.
 */
package org.jvirt;
