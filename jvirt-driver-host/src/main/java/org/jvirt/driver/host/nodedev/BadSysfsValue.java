package org.jvirt.driver.host.nodedev;

/**
 * A sysfs value the udev backend could not parse: the device is skipped with a log line, as udevAddOneDevice
 * discards a device whose details fail, and never fails a listing.
 */
final class BadSysfsValue extends RuntimeException {

    BadSysfsValue(String message) {
        super(message, null, false, false);
    }
}
