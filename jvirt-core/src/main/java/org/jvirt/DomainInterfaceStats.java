package org.jvirt;

/** libvirt's {@code virDomainInterfaceStatsStruct}; -1 where a field is not known. */
public record DomainInterfaceStats(long rxBytes, long rxPackets, long rxErrs, long rxDrop, long txBytes,
                                   long txPackets, long txErrs, long txDrop) {
}
