package org.jvirt;

/** The object is in the wrong state for the operation (VIR_ERR_OPERATION_INVALID). */
public class OperationInvalidException extends VirtException {
    public OperationInvalidException(VirtError error) {
        super(error);
    }
}
