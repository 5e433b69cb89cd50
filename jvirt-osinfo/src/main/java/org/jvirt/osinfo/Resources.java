package org.jvirt.osinfo;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One block of an OS's {@code <resources arch="...">}: minimum, recommended, maximum or network-install figures
 * for one architecture ("all" for every one). Absent figures are empty; where the block says
 * {@code inherit="true"} they are filled from the OSes it derives from or clones, as libosinfo does.
 *
 * @param arch         the architecture, or "all"
 * @param cpus         number of virtual CPUs ({@code n-cpus})
 * @param cpuHz        CPU speed in Hz ({@code cpu})
 * @param ramBytes     memory in bytes ({@code ram})
 * @param storageBytes disk size in bytes ({@code storage})
 * @param inherit      whether absent figures come from related OSes
 */
public record Resources(String arch, OptionalInt cpus, OptionalLong cpuHz, OptionalLong ramBytes,
                        OptionalLong storageBytes, boolean inherit) {

    /** This block with absent figures taken from {@code from}. */
    Resources fillFrom(Resources from) {
        return new Resources(arch, cpus.isPresent() ? cpus : from.cpus,
                cpuHz.isPresent() ? cpuHz : from.cpuHz,
                ramBytes.isPresent() ? ramBytes : from.ramBytes,
                storageBytes.isPresent() ? storageBytes : from.storageBytes, inherit);
    }
}
