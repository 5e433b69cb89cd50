package org.jvirt;

import java.util.BitSet;

/**
 * libvirt's {@code virDomainIOThreadInfo}: one IOThread of a domain, by its id, and the host CPUs it may run on
 * (bit i = host CPU i).
 */
public record DomainIOThreadInfo(int iothreadId, BitSet cpumap) {

    public DomainIOThreadInfo {
        cpumap = (BitSet) cpumap.clone();
    }

    @Override
    public BitSet cpumap() {
        return (BitSet) cpumap.clone();
    }
}
