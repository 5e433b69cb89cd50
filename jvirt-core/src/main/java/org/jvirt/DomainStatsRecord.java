package org.jvirt;

import java.util.Map;

/**
 * One domain's bulk statistics ({@code virDomainStatsRecord}): typed parameters by libvirt's names, such as
 * {@code state.state} or {@code balloon.current}. Values are Integer, Long, Double, Boolean or String.
 */
public record DomainStatsRecord(Domain domain, Map<String, Object> params) {
    public DomainStatsRecord {
        params = Map.copyOf(params);
    }
}
