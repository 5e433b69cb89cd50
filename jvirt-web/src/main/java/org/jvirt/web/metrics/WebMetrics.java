package org.jvirt.web.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jvirt.Connect;
import org.jvirt.transport.embed.HostGauge;
import org.jvirt.web.http.RequestObserver;

/**
 * The registry behind {@code /metrics}: libvirt's bulk statistics ({@link LibvirtCollector}), and the server's own
 * metrics: HTTP requests by route template and status with a latency histogram, websocket clients, operations.
 */
public final class WebMetrics implements RequestObserver {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Gauge websockets;
    private final Counter operations;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public WebMetrics(Connect conn) {
        registry.register(new LibvirtCollector(conn));
        requests = Counter.builder().name("jvirt_web_http_requests").help("HTTP API requests answered.")
                .labelNames("method", "route", "status").register(registry);
        latency = Histogram.builder().name("jvirt_web_http_request_duration_seconds")
                .help("Time from a request's dispatch to its answer, in seconds.").classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .labelNames("method", "route").register(registry);
        websockets = Gauge.builder().name("jvirt_web_websocket_clients").help("Open websocket connections.")
                .labelNames("kind").register(registry);
        operations = Counter.builder().name("jvirt_web_operations").help("Long operations ended, by kind and"
                + " outcome.").labelNames("kind", "status").register(registry);
    }

    @Override
    public void observe(String method, String route, int status, double seconds) {
        requests.labelValues(method, route, String.valueOf(status)).inc();
        latency.labelValues(method, route).observe(seconds);
    }

    public void websocketOpened(String kind) {
        websockets.labelValues(kind).inc();
    }

    public void websocketClosed(String kind) {
        websockets.labelValues(kind).dec();
    }

    public void operationEnded(String kind, String status) {
        operations.labelValues(kind, status).inc();
    }

    /** Figures of the daemon this server runs in, read at each scrape. */
    public void publish(List<HostGauge> gauges) {
        for (var g : gauges) {
            GaugeWithCallback.builder().name(g.name()).help(g.help())
                    .callback(cb -> cb.call(g.value().getAsDouble())).register(registry);
        }
    }

    /** One scrape in Prometheus' text format. */
    public byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }

    public String contentType() {
        return writer.getContentType();
    }
}
