package org.jvirt.spi;

/** Names a domain checkpoint: its domain and its name. */
public record DomainCheckpointRef(DomainRef domain, String name) {
}
