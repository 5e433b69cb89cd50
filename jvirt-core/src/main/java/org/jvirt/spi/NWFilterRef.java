package org.jvirt.spi;

import java.util.UUID;

/** Names a network filter: name and UUID. */
public record NWFilterRef(String name, UUID uuid) {
}
