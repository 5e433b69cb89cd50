package org.jvirt.spi;

import java.util.UUID;

/** Names a virtual network: name and UUID. */
public record NetworkRef(String name, UUID uuid) {
}
