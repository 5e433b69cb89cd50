package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * Guest NUMA cells ({@code <cpu><numa><cell id cpus memory memAccess>}), as libvirt 9.0's
 * qemuBuildNumaCommandLine: a memory backend object per cell ({@code ram-nodeN}: RAM, or memfd/file as
 * {@code <memoryBacking><source>} asks, shared as the cell's or the guest's access mode says), a
 * {@code -numa node} per cell with its vCPUs, and {@code -numa dist} for the distances given. The guest's memory
 * is the sum of its cells, as libvirt's parser makes it.
 */
final class NumaArgs {

    /** libvirt's memory units and their size in bytes. */
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("kb", 1000L), Map.entry("k", 1024L), Map.entry("kib", 1024L), Map.entry("mb", 1000_000L),
            Map.entry("m", 1L << 20), Map.entry("mib", 1L << 20), Map.entry("gb", 1000_000_000L),
            Map.entry("g", 1L << 30), Map.entry("gib", 1L << 30), Map.entry("tb", 1000_000_000_000L),
            Map.entry("t", 1L << 40), Map.entry("tib", 1L << 40));

    private NumaArgs() {
    }

    static List<Element> cells(DomainXml def) {
        Element cpu = Dom.child(def.element(), "cpu");
        Element numa = cpu == null ? null : Dom.child(cpu, "numa");
        return numa == null ? List.of() : Dom.children(numa, "cell");
    }

    /** Makes the guest's memory the sum of its cells (libvirt's post-parse), when it has cells. */
    static void fixTotal(DomainXml def) {
        List<Element> cells = cells(def);
        if (cells.isEmpty()) {
            return;
        }
        long total = 0;
        for (Element c : cells) {
            total += kib(c);
        }
        def.memoryKiB(total);
    }

    /** Whether every cell's memory is shared (what vhost-user devices need). */
    static boolean allShared(DomainXml def, boolean guestShared) {
        for (Element c : cells(def)) {
            String access = Dom.attribute(c, "memAccess");
            if (access == null ? !guestShared : !access.equals("shared")) {
                return false;
            }
        }
        return true;
    }

    static void add(DomainXml def, String source, boolean guestShared, RuntimeLayout layout, List<String> a) {
        List<Element> cells = cells(def);
        if (cells.isEmpty()) {
            return;
        }
        if (def.maxMemoryKiB() != null) {
            throw BuildContext.unsupported("NUMA cells together with memory hotplug (maxMemory) are not supported "
                    + "by this driver yet");
        }
        int vcpus = def.vcpus();
        for (int i = 0; i < cells.size(); i++) {
            Element c = cells.get(i);
            Integer id = Attrs.integer(c, "id");
            if (id == null || id != i) {
                throw BuildContext.unsupported("NUMA cell ids must be 0, 1, ... in order; cell %d has id %s", i,
                        Dom.attribute(c, "id"));
            }
            String mem = "ram-node" + i;
            QemuOpts o = switch (source == null ? "anonymous" : source) {
                case "memfd" -> QemuOpts.of("memory-backend-memfd").add("id", mem);
                case "file" -> QemuOpts.of("memory-backend-file").add("id", mem)
                        .add("mem-path", layout.runDir().toString());
                case "anonymous" -> QemuOpts.of("memory-backend-ram").add("id", mem);
                default -> throw BuildContext.unsupported("memory backing source type '%s' is not supported", source);
            };
            String access = Dom.attribute(c, "memAccess");
            if ("shared".equals(access) || (access == null && guestShared)) {
                o.add("share", true);
            } else if ("private".equals(access)) {
                o.add("share", false);
            }
            o.add("size", kib(c) * 1024);
            a.add("-object");
            a.add(o.toString());
            QemuOpts node = QemuOpts.of("node").add("nodeid", i);
            for (String range : ranges(Dom.attribute(c, "cpus"), vcpus)) {
                node.add("cpus", range);
            }
            a.add("-numa");
            a.add(node.add("memdev", mem).toString());
        }
        for (int i = 0; i < cells.size(); i++) {
            Element distances = Dom.child(cells.get(i), "distances");
            if (distances == null) {
                continue;
            }
            for (Element s : Dom.children(distances, "sibling")) {
                Integer dst = Attrs.integer(s, "id");
                Integer val = Attrs.integer(s, "value");
                if (dst == null || val == null || dst < 0 || dst >= cells.size() || val < 10 || val > 255) {
                    throw BuildContext.unsupported("invalid NUMA distance from cell %d", i);
                }
                a.add("-numa");
                a.add(QemuOpts.of("dist").add("src", i).add("dst", dst).add("val", val).toString());
            }
        }
    }

    /** A cpus list ("0-1,4,5") as libvirt writes its bitmap: maximal ranges in order ("0-1", "4-5"). */
    static List<String> ranges(String cpus, int vcpus) {
        java.util.BitSet set = new java.util.BitSet();
        if (cpus != null && !cpus.isBlank()) {
            for (String part : cpus.split(",")) {
                String r = part.strip();
                if (!r.matches("\\d+(-\\d+)?")) {
                    throw BuildContext.unsupported("invalid NUMA cell cpus '%s'", cpus);
                }
                String[] ends = r.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = Integer.parseInt(ends[ends.length - 1]);
                if (to >= vcpus || from > to) {
                    throw BuildContext.unsupported("NUMA cell vCPU %d is beyond the guest's %d vCPUs", to, vcpus);
                }
                set.set(from, to + 1);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = set.nextSetBit(0); i >= 0; ) {
            int end = set.nextClearBit(i) - 1;
            out.add(i == end ? String.valueOf(i) : i + "-" + end);
            i = set.nextSetBit(end + 1);
        }
        return out;
    }

    private static long kib(Element cell) {
        String m = Dom.attribute(cell, "memory");
        if (m == null) {
            throw BuildContext.unsupported("NUMA cell %s has no memory", Dom.attribute(cell, "id"));
        }
        String unit = Dom.attribute(cell, "unit") == null ? "kib" : Dom.attribute(cell, "unit").toLowerCase(Locale.ROOT);
        Long scale = UNITS.get(unit);
        if (scale == null) {
            throw BuildContext.unsupported("unknown memory unit '%s'", Dom.attribute(cell, "unit"));
        }
        try {
            return Math.ceilDiv(Long.parseLong(m.strip()) * scale, 1024);
        } catch (NumberFormatException e) {
            throw BuildContext.unsupported("invalid NUMA cell memory '%s'", m);
        }
    }
}
