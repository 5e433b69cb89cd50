/**
 * Values that libvirt's XML formats share and that drivers need on their own: UUIDs as libvirt parses them
 * ({@link org.jvirt.xml.value.Uuids}), MAC addresses ({@link org.jvirt.xml.value.MacAddress}), and sizes with
 * a unit ({@link org.jvirt.xml.value.ScaledInteger}). One implementation each, used by every document.
 */
package org.jvirt.xml.value;
