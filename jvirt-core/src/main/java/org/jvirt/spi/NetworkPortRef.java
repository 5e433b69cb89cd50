package org.jvirt.spi;

import java.util.UUID;

/** Names a network port: its network and its UUID. */
public record NetworkPortRef(NetworkRef net, UUID uuid) {
}
