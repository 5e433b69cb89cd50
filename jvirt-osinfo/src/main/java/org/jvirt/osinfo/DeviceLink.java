package org.jvirt.osinfo;

/**
 * An OS's or platform's {@code <devices><device id="..." supported="false"/>} entry: names a device and says
 * whether the OS supports it (true when unsaid). A link nearer to the OS overrides one in an OS it derives from.
 */
record DeviceLink(String deviceId, boolean supported, String driver) {
}
