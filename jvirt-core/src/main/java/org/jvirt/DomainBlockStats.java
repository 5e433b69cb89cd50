package org.jvirt;

/** libvirt's {@code virDomainBlockStatsStruct}; -1 where a field is not known. */
public record DomainBlockStats(long rdReq, long rdBytes, long wrReq, long wrBytes, long errs) {
}
