package org.jvirt;

/** The driver of the connection does not implement the function (VIR_ERR_NO_SUPPORT). */
public class NotSupportedException extends VirtException {
    public NotSupportedException(VirtError error) {
        super(error);
    }
}
