package org.jvirt;

import java.util.BitSet;

/**
 * virNodeGetCPUMap's answer: how many CPUs the host has ({@code present}), which of them are online ({@code map},
 * bit i for CPU i) and how many are online.
 */
public record NodeCPUMap(int present, BitSet map, int online) {
    public NodeCPUMap {
        map = (BitSet) map.clone();
    }

    @Override
    public BitSet map() {
        return (BitSet) map.clone();
    }
}
