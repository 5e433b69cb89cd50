package org.jvirt.spi;

import java.util.Map;

/** A driver's answer for one domain's bulk statistics: typed parameters by libvirt's names, in order. */
public record DomainStats(DomainRef domain, Map<String, Object> params) {
}
