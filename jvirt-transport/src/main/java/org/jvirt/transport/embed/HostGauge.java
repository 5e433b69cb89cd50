package org.jvirt.transport.embed;

import java.util.function.DoubleSupplier;

/**
 * A figure of the hosting daemon that a server it embeds may publish (jvirt-web's {@code /metrics}): read when
 * scraped, never copied.
 *
 * @param name  the metric name, e.g. {@code jvirtd_clients}
 * @param help  one line saying what it counts
 * @param value read at each scrape
 */
public record HostGauge(String name, String help, DoubleSupplier value) {
}
