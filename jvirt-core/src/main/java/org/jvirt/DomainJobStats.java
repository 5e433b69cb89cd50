package org.jvirt;

import java.util.List;

/**
 * virDomainGetJobStats's answer: the job's type and its statistics as typed parameters by libvirt's names
 * (time_elapsed, data_total, memory_processed, ...).
 */
public record DomainJobStats(DomainJobType type, List<TypedParameter> params) {
    public DomainJobStats {
        params = List.copyOf(params);
    }

    /**
     * The statistics a {@link DomainJobInfo} holds, named as VIR_DOMAIN_JOB_* names them: what a driver that only
     * tracks those figures reports.
     */
    public static DomainJobStats of(DomainJobInfo info) {
        if (info.type() == DomainJobType.NONE) {
            return new DomainJobStats(DomainJobType.NONE, List.of());
        }
        List<TypedParameter> p = new java.util.ArrayList<>();
        p.add(TypedParameter.ofUllong("time_elapsed", info.timeElapsed()));
        if (info.type() == DomainJobType.BOUNDED) {
            p.add(TypedParameter.ofUllong("time_remaining", info.timeRemaining()));
        }
        p.add(TypedParameter.ofUllong("data_total", info.dataTotal()));
        p.add(TypedParameter.ofUllong("data_processed", info.dataProcessed()));
        p.add(TypedParameter.ofUllong("data_remaining", info.dataRemaining()));
        p.add(TypedParameter.ofUllong("memory_total", info.memTotal()));
        p.add(TypedParameter.ofUllong("memory_processed", info.memProcessed()));
        p.add(TypedParameter.ofUllong("memory_remaining", info.memRemaining()));
        p.add(TypedParameter.ofUllong("disk_total", info.fileTotal()));
        p.add(TypedParameter.ofUllong("disk_processed", info.fileProcessed()));
        p.add(TypedParameter.ofUllong("disk_remaining", info.fileRemaining()));
        return new DomainJobStats(info.type(), p);
    }
}
