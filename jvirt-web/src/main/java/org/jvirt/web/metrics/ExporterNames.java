package org.jvirt.web.metrics;

import java.util.List;

/**
 * prometheus-libvirt-exporter's metric names (the GetAllDomainStats exporter: libvirt_domain_info_*,
 * libvirt_domain_block_stats_*, libvirt_domain_interface_stats_*, libvirt_domain_vcpu_*,
 * libvirt_domain_memory_stats_*, libvirt_up), each beside the bulk-stats field it comes from, so existing
 * dashboards work unchanged. One table; the collector only walks it. Counters are named without their
 * {@code _total} suffix: the Prometheus client adds it.
 */
final class ExporterNames {

    private ExporterNames() {
    }

    /**
     * A bulk-stats field and its metric: {@code scale} converts libvirt's unit (KiB, ns) to the metric's (bytes,
     * seconds).
     */
    record Field(String stat, String metric, String help, double scale, boolean counter) {
    }

    /** Per domain, label {domain}. */
    static final List<Field> DOMAIN = List.of(
            new Field("state.state", "libvirt_domain_info_vstate",
                    "Virtual domain state. 0: no state, 1: running, 2: blocked, 3: paused, 4: shutdown, 5: shutoff,"
                            + " 6: crashed, 7: suspended", 1, false),
            new Field("balloon.maximum", "libvirt_domain_info_maximum_memory_bytes",
                    "Maximum allowed memory of the domain, in bytes.", 1024, false),
            new Field("balloon.current", "libvirt_domain_info_memory_usage_bytes",
                    "Memory usage of the domain, in bytes.", 1024, false),
            new Field("vcpu.current", "libvirt_domain_info_virtual_cpus",
                    "Number of virtual CPUs for the domain.", 1, false),
            new Field("cpu.time", "libvirt_domain_info_cpu_time_seconds",
                    "Amount of CPU time used by the domain, in seconds.", 1e-9, true),
            new Field("balloon.current", "libvirt_domain_memory_stats_actual_balloon_bytes",
                    "Current balloon value (in bytes).", 1024, false),
            new Field("balloon.available", "libvirt_domain_memory_stats_available_bytes",
                    "The total amount of usable memory as seen by the domain, in bytes.", 1024, false),
            new Field("balloon.disk_caches", "libvirt_domain_memory_stats_disk_cache_bytes",
                    "The amount of memory that can be quickly reclaimed without additional I/O, in bytes.", 1024,
                    false),
            new Field("balloon.major_fault", "libvirt_domain_memory_stats_major_fault",
                    "Page faults occur when a process makes a valid access to virtual memory that is not available;"
                            + " major faults need disk I/O.", 1, true),
            new Field("balloon.minor_fault", "libvirt_domain_memory_stats_minor_fault",
                    "Page faults that need no disk I/O.", 1, true),
            new Field("balloon.rss", "libvirt_domain_memory_stats_rss_bytes",
                    "Resident Set Size of the process running the domain, in bytes.", 1024, false),
            new Field("balloon.unused", "libvirt_domain_memory_stats_unused_bytes",
                    "The amount of memory left completely unused by the system, in bytes.", 1024, false),
            new Field("balloon.usable", "libvirt_domain_memory_stats_usable_bytes",
                    "How much the balloon can be inflated without pushing the guest system to swap, in bytes.", 1024,
                    false));

    /** {@code (available - usable) / available}, in percent, as the exporter derives it. */
    static final String USED_PERCENT = "libvirt_domain_memory_stats_used_percent";

    /** Per vCPU, labels {domain, vcpu}; fields under {@code vcpu.N.}. */
    static final List<Field> VCPU = List.of(
            new Field("state", "libvirt_domain_vcpu_state",
                    "VCPU state. 0: offline, 1: running, 2: blocked", 1, false),
            new Field("time", "libvirt_domain_vcpu_time_seconds", "Amount of CPU time used by the domain's VCPU,"
                    + " in seconds.", 1e-9, true),
            new Field("wait", "libvirt_domain_vcpu_wait_seconds", "Vcpu's wait_sum metric. CONFIG_SCHEDSTATS has to"
                    + " be enabled", 1e-9, true),
            new Field("delay", "libvirt_domain_vcpu_delay_seconds", "Amount of CPU time used by the domain's VCPU"
                    + " waiting in the run queue, in seconds.", 1e-9, true));

    /** Per disk, labels {domain, target_device}; fields under {@code block.N.}. */
    static final List<Field> BLOCK = List.of(
            new Field("rd.bytes", "libvirt_domain_block_stats_read_bytes", "Number of bytes read from a block"
                    + " device, in bytes.", 1, true),
            new Field("rd.reqs", "libvirt_domain_block_stats_read_requests", "Number of read requests from a block"
                    + " device.", 1, true),
            new Field("rd.times", "libvirt_domain_block_stats_read_time_seconds", "Total time spent on reads from a"
                    + " block device, in seconds.", 1e-9, true),
            new Field("wr.bytes", "libvirt_domain_block_stats_write_bytes", "Number of bytes written to a block"
                    + " device, in bytes.", 1, true),
            new Field("wr.reqs", "libvirt_domain_block_stats_write_requests", "Number of write requests to a block"
                    + " device.", 1, true),
            new Field("wr.times", "libvirt_domain_block_stats_write_time_seconds", "Total time spent on writes on"
                    + " a block device, in seconds", 1e-9, true),
            new Field("fl.reqs", "libvirt_domain_block_stats_flush_requests", "Total flush requests from a block"
                    + " device.", 1, true),
            new Field("fl.times", "libvirt_domain_block_stats_flush_time_seconds", "Total time in seconds spent on"
                    + " cache flushing to a block device", 1e-9, true),
            new Field("allocation", "libvirt_domain_block_stats_allocation", "Offset of the highest written sector"
                    + " on a block device.", 1, false),
            new Field("capacity", "libvirt_domain_block_stats_capacity_bytes", "Logical size in bytes of the block"
                    + " device backing image.", 1, false),
            new Field("physical", "libvirt_domain_block_stats_physicalsize_bytes", "Physical size in bytes of the"
                    + " container of the backing image.", 1, false));

    /** Per interface, labels {domain, target_device}; fields under {@code net.N.}. */
    static final List<Field> NET = List.of(
            new Field("rx.bytes", "libvirt_domain_interface_stats_receive_bytes", "Number of bytes received on a"
                    + " network interface, in bytes.", 1, true),
            new Field("rx.pkts", "libvirt_domain_interface_stats_receive_packets", "Number of packets received on"
                    + " a network interface.", 1, true),
            new Field("rx.errs", "libvirt_domain_interface_stats_receive_errors", "Number of packet receive errors"
                    + " on a network interface.", 1, true),
            new Field("rx.drop", "libvirt_domain_interface_stats_receive_drops", "Number of packet receive drops"
                    + " on a network interface.", 1, true),
            new Field("tx.bytes", "libvirt_domain_interface_stats_transmit_bytes", "Number of bytes transmitted on"
                    + " a network interface, in bytes.", 1, true),
            new Field("tx.pkts", "libvirt_domain_interface_stats_transmit_packets", "Number of packets transmitted"
                    + " on a network interface.", 1, true),
            new Field("tx.errs", "libvirt_domain_interface_stats_transmit_errors", "Number of packet transmit"
                    + " errors on a network interface.", 1, true),
            new Field("tx.drop", "libvirt_domain_interface_stats_transmit_drops", "Number of packet transmit drops"
                    + " on a network interface.", 1, true));
}
