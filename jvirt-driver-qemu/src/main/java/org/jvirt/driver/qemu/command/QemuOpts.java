package org.jvirt.driver.qemu.command;

import java.util.StringJoiner;

/**
 * One QEMU option value in {@code key=value,key=value} form. QEMU splits such values at commas, and reads a
 * doubled comma as a literal one, so every value is escaped here; keys are ours and never contain commas.
 */
final class QemuOpts {

    private final StringJoiner parts = new StringJoiner(",");

    private QemuOpts() {
    }

    /** Starts with a bare leading value (an implied key such as the device driver or the chardev backend). */
    static QemuOpts of(String first) {
        QemuOpts o = new QemuOpts();
        o.parts.add(escape(first));
        return o;
    }

    static QemuOpts empty() {
        return new QemuOpts();
    }

    QemuOpts add(String key, Object value) {
        if (value != null) {
            parts.add(key + "=" + escape(String.valueOf(value)));
        }
        return this;
    }

    QemuOpts add(String key, boolean value) {
        parts.add(key + "=" + (value ? "on" : "off"));
        return this;
    }

    /** Doubles every comma: QEMU's escaping for option values. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
