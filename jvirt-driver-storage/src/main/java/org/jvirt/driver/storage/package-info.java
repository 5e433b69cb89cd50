/**
 * jvirt's storage driver (libvirt's src/storage): pools and volumes on this host, one shared state per host
 * scope ({@link org.jvirt.spi.HostScope}), lent to every local hypervisor connection of the scope through
 * {@link org.jvirt.spi.Driver#attach} and served on its own as {@code storage:///system} and
 * {@code storage:///session}. The entry points ({@link org.jvirt.driver.storage.StorageEntryPoints}) split into
 * pool and volume operations; backends, pool objects, volumes and program runs live in sub-packages.
 */
package org.jvirt.driver.storage;
