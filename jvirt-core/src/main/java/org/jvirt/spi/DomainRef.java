package org.jvirt.spi;

import java.util.UUID;

/** Names a domain as libvirt's {@code remote_nonnull_domain} does: name, UUID, and id (-1 when not running). */
public record DomainRef(String name, UUID uuid, int id) {

    /** The id libvirt shows for a domain that is not running. */
    public static final int NO_ID = -1;

    public DomainRef withId(int newId) {
        return new DomainRef(name, uuid, newId);
    }
}
