package org.jvirt.web.metrics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.jvirt.Connect;
import org.jvirt.DomainStatsRecord;
import org.jvirt.flags.DomainStatsType;

/**
 * The libvirt metrics of one scrape: one bulk statistics call (virConnectGetAllDomainStats) for every domain,
 * walked through {@link ExporterNames}. {@code libvirt_up} is 0 when the call fails, and the domain metrics are
 * then left out rather than stale.
 */
public final class LibvirtCollector implements MultiCollector {

    private static final Logger LOG = Logger.getLogger(LibvirtCollector.class.getName());

    private final Connect conn;

    public LibvirtCollector(Connect conn) {
        this.conn = conn;
    }

    /** Samples of one metric family while a scrape is built. */
    private static final class Family {
        final ExporterNames.Field field;
        final List<double[]> values = new ArrayList<>();
        final List<Labels> labels = new ArrayList<>();

        Family(ExporterNames.Field field) {
            this.field = field;
        }

        void add(Labels l, double v) {
            labels.add(l);
            values.add(new double[] {v});
        }

        MetricSnapshot snapshot() {
            if (field.counter()) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(field.metric()).help(field.help());
                for (int i = 0; i < values.size(); i++) {
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(values.get(i)[0])
                            .labels(labels.get(i)).build());
                }
                return b.build();
            }
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(field.metric()).help(field.help());
            for (int i = 0; i < values.size(); i++) {
                b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(values.get(i)[0])
                        .labels(labels.get(i)).build());
            }
            return b.build();
        }
    }

    @Override
    public MetricSnapshots collect() {
        List<DomainStatsRecord> stats;
        try {
            if (!conn.isAlive()) {
                return MetricSnapshots.of(up(0));
            }
            stats = conn.getAllDomainStats(EnumSet.noneOf(DomainStatsType.class));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bulk statistics failed", e);
            return MetricSnapshots.of(up(0));
        }
        Map<String, Family> fams = new LinkedHashMap<>();
        Family used = new Family(new ExporterNames.Field("", ExporterNames.USED_PERCENT,
                "The amount of memory in percent, that used by domain.", 1, false));
        for (DomainStatsRecord r : stats) {
            String dom = r.domain().getName();
            Map<String, Object> p = r.params();
            Labels dl = Labels.of("domain", dom);
            for (ExporterNames.Field f : ExporterNames.DOMAIN) {
                Double v = number(p.get(f.stat()));
                if (v != null) {
                    family(fams, f).add(dl, v * f.scale());
                }
            }
            Double avail = number(p.get("balloon.available"));
            Double usable = number(p.get("balloon.usable"));
            if (avail != null && usable != null && avail > 0) {
                used.add(dl, (avail - usable) / avail * 100);
            }
            indexed(fams, p, dom, "vcpu", "vcpu.maximum", ExporterNames.VCPU, "vcpu", false);
            indexed(fams, p, dom, "block", "block.count", ExporterNames.BLOCK, "target_device", true);
            indexed(fams, p, dom, "net", "net.count", ExporterNames.NET, "target_device", true);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(up(1));
        for (Family f : fams.values()) {
            out.add(f.snapshot());
        }
        if (!used.values.isEmpty()) {
            out.add(used.snapshot());
        }
        return new MetricSnapshots(out);
    }

    /**
     * Fields under {@code prefix.N.}: the label is the element's {@code name} (a disk's target, an interface's
     * device) when {@code byName}, else N itself.
     */
    private static void indexed(Map<String, Family> fams, Map<String, Object> p, String dom, String prefix,
                                String countKey, List<ExporterNames.Field> fields, String label, boolean byName) {
        Double count = number(p.get(countKey));
        if (count == null) {
            return;
        }
        for (int i = 0; i < count.intValue(); i++) {
            String base = prefix + "." + i + ".";
            String id = byName ? String.valueOf(p.get(base + "name")) : String.valueOf(i);
            if (byName && p.get(base + "name") == null) {
                continue;
            }
            Labels l = Labels.of("domain", dom, label, id);
            for (ExporterNames.Field f : fields) {
                Double v = number(p.get(base + f.stat()));
                if (v != null) {
                    family(fams, f).add(l, v * f.scale());
                }
            }
        }
    }

    private static Family family(Map<String, Family> fams, ExporterNames.Field f) {
        return fams.computeIfAbsent(f.metric(), k -> new Family(f));
    }

    private static Double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    private static MetricSnapshot up(int v) {
        return GaugeSnapshot.builder().name("libvirt_up").help("Whether scraping libvirt's metrics was successful.")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(v).build()).build();
    }
}
