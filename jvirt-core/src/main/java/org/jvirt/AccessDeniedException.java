package org.jvirt;

/** A read-only connection, or an access policy, forbids the operation. */
public class AccessDeniedException extends VirtException {
    public AccessDeniedException(VirtError error) {
        super(error);
    }
}
