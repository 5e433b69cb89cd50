package org.jvirt;

/** libvirt's {@code virDomainBlockInfo}, in bytes. */
public record DomainBlockInfo(long capacity, long allocation, long physical) {
}
