package org.jvirt.driver.qemu.monitor;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;

/**
 * QEMU answered a command with an error. Carries QMP's error class (e.g. {@code GenericError},
 * {@code CommandNotFound}, {@code DeviceNotFound}) so callers can tell them apart without reading the text.
 */
public final class QmpCommandException extends VirtException {

    private final String command;
    private final String errorClass;
    private final String description;

    public QmpCommandException(String command, String errorClass, String description) {
        super(VirtError.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                "unable to execute QEMU command '" + command + "': " + description));
        this.command = command;
        this.errorClass = errorClass;
        this.description = description;
    }

    public String command() {
        return command;
    }

    public String errorClass() {
        return errorClass;
    }

    public String description() {
        return description;
    }
}
