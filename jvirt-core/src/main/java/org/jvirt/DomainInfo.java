package org.jvirt;

/**
 * libvirt's {@code virDomainInfo}.
 *
 * @param state     the domain's state
 * @param maxMemKiB the maximum memory the guest may use, in KiB
 * @param memoryKiB the memory the guest has now, in KiB
 * @param nrVirtCpu the number of virtual CPUs
 * @param cpuTimeNs CPU time used, in nanoseconds
 */
public record DomainInfo(DomainState state, long maxMemKiB, long memoryKiB, int nrVirtCpu, long cpuTimeNs) {
}
