package org.jvirt;

/** No object of the kind asked for exists (no such domain, network, pool, volume, ...). */
public class NotFoundException extends VirtException {
    public NotFoundException(VirtError error) {
        super(error);
    }
}
