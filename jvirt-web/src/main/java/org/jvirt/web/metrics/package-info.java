/** Prometheus /metrics: libvirt's bulk statistics under prometheus-libvirt-exporter's names, and the web server's own metrics. */
package org.jvirt.web.metrics;
