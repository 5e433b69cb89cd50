package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.flags.DomainVcpuFlag;
import org.jvirt.xml.domain.CpuXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * virDomainSetVcpusFlags (libvirt's qemuDomainSetVcpusFlags): the live count changes by plugging CPUs into the
 * empty slots QEMU lists in {@code query-hotpluggable-cpus} ({@code -smp current,maxcpus=max} leaves them), each
 * as device {@code vcpuN}, and by unplugging the ones plugged that way (the guest must let go, as for any
 * device); the persistent config's {@code <vcpu current=...>} and, with MAXIMUM, its maximum.
 */
public final class VcpuHotplug {

    private final DriverContext ctx;

    public VcpuHotplug(DriverContext ctx) {
        this.ctx = ctx;
    }

    public void set(DomainObj dom, int count, Set<DomainVcpuFlag> flags) {
        if (flags.contains(DomainVcpuFlag.GUEST)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "QEMU guest agent is not configured");
        }
        dom.beginJob("set vcpus");
        try {
            Impact imp = Impact.of(dom, flags.contains(DomainVcpuFlag.LIVE), flags.contains(DomainVcpuFlag.CONFIG));
            if (flags.contains(DomainVcpuFlag.MAXIMUM)) {
                setMaximum(dom, imp, count);
                return;
            }
            DomainRun run = imp.live() ? dom.requireRun() : null;
            DomainXml persistent = imp.config() ? Impact.persistentCopy(dom) : null;
            if (run != null && count > run.liveDef().vcpus()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "requested vcpus is greater than max allowable vcpus for the live domain: %d > %d", count,
                        run.liveDef().vcpus());
            }
            if (persistent != null && count > persistent.vcpus()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "requested vcpus is greater than max allowable vcpus for the persistent domain: %d > %d",
                        count, persistent.vcpus());
            }
            if (run != null) {
                setLive(dom, run, count);
            }
            if (persistent != null) {
                setCurrent(persistent, count);
                ctx.store().writeConfig(persistent);
                Impact.setPersistent(dom, persistent);
            }
        } finally {
            dom.endJob();
        }
    }

    private void setMaximum(DomainObj dom, Impact imp, int count) {
        if (imp.live()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "maximum vcpu count of a live domain can't be modified");
        }
        DomainXml def = Impact.persistentCopy(dom);
        CpuXml.Topology t = def.hasCpu() ? def.cpu().topology() : null;
        if (t != null && t.sockets() * t.dies() * t.cores() * t.threads() != count) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "CPU topology doesn't match the desired vcpu count");
        }
        Integer current = def.vcpu().current();
        def.vcpus(count);
        if (current != null && current >= count) {
            def.vcpu().current(null);
        }
        ctx.store().writeConfig(def);
        Impact.setPersistent(dom, def);
    }

    private static void setCurrent(DomainXml def, int count) {
        def.vcpu().current(count == def.vcpus() ? null : count);
    }

    /** One hot-pluggable CPU slot: its place in the topology order (libvirt's vCPU id), and QEMU's view. */
    private record Slot(int id, JsonNode entry) {
        boolean plugged() {
            return entry.has("qom-path");
        }

        String alias() {
            String path = entry.path("qom-path").asText("");
            return path.startsWith("/machine/peripheral/") ? path.substring("/machine/peripheral/".length()) : null;
        }
    }

    private void setLive(DomainObj dom, DomainRun run, int count) {
        QmpMonitor mon = run.process().monitor();
        List<Slot> slots = slots(mon);
        int current = (int) slots.stream().filter(Slot::plugged).count();
        if (count > current) {
            for (Slot s : slots) {
                if (current == count) {
                    break;
                }
                if (s.plugged()) {
                    continue;
                }
                ObjectNode dev = QemuJson.mapper().createObjectNode().put("driver", s.entry().path("type").asText())
                        .put("id", "vcpu" + s.id());
                s.entry().path("props").fields().forEachRemaining(f -> dev.set(f.getKey(), f.getValue()));
                mon.execute("device_add", dev);
                current++;
                updateCurrent(dom, run, current);
            }
        } else if (count < current) {
            List<Slot> removable = new ArrayList<>(slots.stream().filter(s -> s.plugged() && s.alias() != null)
                    .toList());
            if (current - removable.size() > count) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "failed to find appropriate hotpluggable vcpus to reach the desired target vcpu count");
            }
            removable.sort(Comparator.comparingInt(Slot::id).reversed());
            for (Slot s : removable) {
                if (current == count) {
                    break;
                }
                if (!unplug(mon, s.alias())) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT,
                            "vcpu unplug request timed out. Unplug result must be manually inspected in the domain");
                }
                current--;
                updateCurrent(dom, run, current);
            }
        }
    }

    /**
     * device_del of a vCPU, waiting until QEMU no longer has it. QEMU 7.2 reports a vCPU's removal only by
     * DEVICE_DELETED of its inner APIC (a path, no id), so the wait looks at the device itself.
     */
    private static boolean unplug(QmpMonitor mon, String alias) {
        mon.execute("device_del", QemuJson.mapper().createObjectNode().put("id", alias));
        long deadline = System.nanoTime() + Unplug.TIMEOUT.toNanos();
        while (Unplug.stillThere(mon, alias)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void updateCurrent(DomainObj dom, DomainRun run, int current) {
        synchronized (dom) {
            setCurrent(run.liveDef(), current);
        }
        ctx.writeStatus(dom);
    }

    /** QEMU's CPU slots in topology order (socket, die, core, thread), which numbers libvirt's vCPUs. */
    private static List<Slot> slots(QmpMonitor mon) {
        List<JsonNode> entries = new ArrayList<>();
        mon.execute("query-hotpluggable-cpus").forEach(entries::add);
        entries.sort(Comparator.<JsonNode>comparingInt(e -> e.path("props").path("socket-id").asInt())
                .thenComparingInt(e -> e.path("props").path("die-id").asInt())
                .thenComparingInt(e -> e.path("props").path("core-id").asInt())
                .thenComparingInt(e -> e.path("props").path("thread-id").asInt()));
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(new Slot(i, entries.get(i)));
        }
        return out;
    }
}
