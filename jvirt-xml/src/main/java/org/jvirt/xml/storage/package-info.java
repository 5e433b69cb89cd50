/**
 * Storage documents: pools ({@code <pool>}, {@link org.jvirt.xml.storage.StoragePoolXml}) and volumes
 * ({@code <volume>}, {@link org.jvirt.xml.storage.StorageVolumeXml}), formatstorage. Sizes are bytes.
 */
package org.jvirt.xml.storage;
