package org.jvirt;

/** An argument is invalid (VIR_ERR_INVALID_ARG), such as unsupported flags. */
public class InvalidArgumentException extends VirtException {
    public InvalidArgumentException(VirtError error) {
        super(error);
    }
}
