package org.jvirt;

/** libvirt's {@code virVcpuInfo}: one virtual CPU, the physical CPU it runs on (-1 if none) and its CPU time. */
public record VcpuInfo(int number, VcpuState state, long cpuTimeNs, int cpu) {
}
