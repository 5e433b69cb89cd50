/**
 * Storage pools as objects of the driver: their definitions (parsed from jvirt-xml's {@code StoragePoolXml},
 * formatted as libvirt formats them), their state (active, persistent, autostart, volumes, sizes), the list of
 * pools of one scope with libvirt's duplicate checks, and their files (configs under configDir/storage written
 * atomically, autostart links, status under runDir/storage).
 */
package org.jvirt.driver.storage.pool;
