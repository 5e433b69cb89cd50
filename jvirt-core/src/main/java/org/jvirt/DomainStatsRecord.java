package org.jvirt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One domain's bulk statistics ({@code virDomainStatsRecord}): typed parameters by libvirt's names, such as
 * {@code state.state} or {@code balloon.current}, in the order the driver gave them (virsh domstats prints that
 * order). Values are Integer, Long, Double, Boolean or String.
 */
public record DomainStatsRecord(Domain domain, Map<String, Object> params) {
    public DomainStatsRecord {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
