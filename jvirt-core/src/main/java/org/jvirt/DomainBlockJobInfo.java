package org.jvirt;

/**
 * libvirt's {@code virDomainBlockJobInfo}: a disk's running job, its bandwidth limit (MiB/s, or bytes/s when asked
 * with BANDWIDTH_BYTES; 0 = unlimited) and its progress as {@code cur} of {@code end} units.
 */
public record DomainBlockJobInfo(DomainBlockJobType type, long bandwidth, long cur, long end) {
}
