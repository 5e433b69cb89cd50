package org.jvirt;

import java.util.Optional;

/**
 * libvirt's virDomainMemoryStatTags: the tag number that crosses the wire and the name the API (and virsh
 * dommemstat) reports each statistic under. The one home of these names.
 */
public enum DomainMemoryStat {
    SWAP_IN(0, "swap_in"),
    SWAP_OUT(1, "swap_out"),
    MAJOR_FAULT(2, "major_fault"),
    MINOR_FAULT(3, "minor_fault"),
    UNUSED(4, "unused"),
    AVAILABLE(5, "available"),
    ACTUAL_BALLOON(6, "actual"),
    RSS(7, "rss"),
    USABLE(8, "usable"),
    LAST_UPDATE(9, "last_update"),
    DISK_CACHES(10, "disk_caches"),
    HUGETLB_PGALLOC(11, "hugetlb_pgalloc"),
    HUGETLB_PGFAIL(12, "hugetlb_pgfail");

    /** VIR_DOMAIN_MEMORY_STAT_NR of libvirt 9.0. */
    public static final int NR = values().length;

    private final int tag;
    private final String statName;

    DomainMemoryStat(int tag, String statName) {
        this.tag = tag;
        this.statName = statName;
    }

    public int tag() {
        return tag;
    }

    /** The name in {@link Domain#memoryStats()}'s map ("swap_in", "actual", ...). */
    public String statName() {
        return statName;
    }

    public static Optional<DomainMemoryStat> byTag(int tag) {
        return tag >= 0 && tag < NR ? Optional.of(values()[tag]) : Optional.empty();
    }

    public static Optional<DomainMemoryStat> byName(String name) {
        for (DomainMemoryStat s : values()) {
            if (s.statName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
