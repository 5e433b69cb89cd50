package org.jvirt.spi;


/** Names a domain snapshot: its domain and its name. */
public record DomainSnapshotRef(DomainRef domain, String name) {
}
