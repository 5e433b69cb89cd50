package org.jvirt.driver.qemu.device;

import static org.jvirt.TypedParameter.Type.INT;
import static org.jvirt.TypedParameter.Type.UINT;
import static org.jvirt.TypedParameter.Type.ULLONG;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jvirt.DomainIOThreadInfo;
import org.jvirt.DomainIOThreadParams;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Flags;
import org.jvirt.TypedParameter;
import org.jvirt.TypedParameters;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.driver.qemu.process.ThreadAffinity;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.IOThreadIds;
import org.jvirt.xml.domain.IOThreadIds.IOThread;

/**
 * libvirt's qemu IOThread calls (qemuDomainGetIOThreadInfo, PinIOThread, Add/DelIOThread, SetIOThreadParams). A
 * running guest's IOThreads are QEMU {@code iothread} objects named {@code iothreadN}: added and removed with
 * {@code object-add} / {@code object-del}, listed with their host thread ids by {@code query-iothreads}, tuned with
 * {@code qom-set} on {@code /objects/iothreadN}, pinned by setting the thread's affinity. The definitions follow
 * through jvirt-xml's {@link IOThreadIds}; the persistent one is changed on a copy, taken only when the live change
 * worked.
 */
public final class IOThreads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<DomainModificationImpact> BOTH = EnumSet.allOf(DomainModificationImpact.class);
    /** QEMU's iothread properties, by the API's parameter names. */
    private static final Map<String, String> QOM = Map.of(DomainIOThreadParams.POLL_MAX_NS, "poll-max-ns",
            DomainIOThreadParams.POLL_GROW, "poll-grow", DomainIOThreadParams.POLL_SHRINK, "poll-shrink",
            DomainIOThreadParams.THREAD_POOL_MIN, "thread-pool-min",
            DomainIOThreadParams.THREAD_POOL_MAX, "thread-pool-max");

    private final DriverContext ctx;

    public IOThreads(DriverContext ctx) {
        this.ctx = ctx;
    }

    /** One of QEMU's IOThreads: libvirt's id and the host thread running it. */
    private record Live(int id, long threadId) {
    }

    private static VirtException zeroId() {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "invalid value of 0 for iothread_id");
    }

    /** qemuMonitorJSONGetIOThreads: every iothread object, its id taken from its name. */
    private static List<Live> query(QmpMonitor mon) {
        List<Live> out = new ArrayList<>();
        for (JsonNode t : mon.execute("query-iothreads")) {
            String name = t.path("id").asText("");
            if (!name.startsWith("iothread")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "invalid iothreads name '%s'",
                        name);
            }
            try {
                out.add(new Live(Integer.parseInt(name.substring("iothread".length())), t.path("thread-id").asLong()));
            } catch (NumberFormatException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                        "failed to find iothread id for '%s'", name);
            }
        }
        return out;
    }

    /**
     * qemuProcessSetupIOThread's affinity part: as a guest starts, each IOThread pinned in its definition
     * ({@code <cputune><iothreadpin>}) is moved to its CPUs before the guest runs.
     */
    public static void applyPinsAtStart(DomainRun run) {
        List<IOThread> pinned = IOThreadIds.read(run.liveDef().element()).stream().filter(t -> t.pin() != null)
                .toList();
        if (pinned.isEmpty()) {
            return;
        }
        List<Live> live = query(run.process().monitor());
        for (IOThread t : pinned) {
            for (Live l : live) {
                if (l.id() == t.id()) {
                    ThreadAffinity.set(l.threadId(), t.pin());
                }
            }
        }
    }

    // ---- info

    public List<DomainIOThreadInfo> info(DomainObj dom, Set<DomainModificationImpact> flags) {
        Flags.check(flags, BOTH, ErrorDomain.QEMU, "qemuDomainGetIOThreadInfo");
        Impact imp = Impact.of(dom, flags.contains(DomainModificationImpact.LIVE),
                flags.contains(DomainModificationImpact.CONFIG));
        if (imp.config()) {
            // virDomainDriverGetIOThreadsConfig with no size: an unpinned IOThread may use every online CPU
            DomainXml def = Impact.persistentCopy(dom);
            BitSet fallback = def.vcpu().cpuset() != null ? org.jvirt.conf.CpuSets.parse(def.vcpu().cpuset(), 8192)
                    : ThreadAffinity.hostOnline();
            List<DomainIOThreadInfo> out = new ArrayList<>();
            for (IOThread t : IOThreadIds.read(def.element())) {
                out.add(new DomainIOThreadInfo(t.id(), t.pin() != null ? t.pin() : fallback));
            }
            return out;
        }
        dom.beginJob("query iothreads");
        try {
            DomainRun run = dom.run();
            if (run == null) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "cannot list IOThreads for an inactive domain");
            }
            List<DomainIOThreadInfo> out = new ArrayList<>();
            for (Live t : query(run.process().monitor())) {
                out.add(new DomainIOThreadInfo(t.id(), ThreadAffinity.get(run.process().pid(), t.threadId())));
            }
            return out;
        } finally {
            dom.endJob();
        }
    }

    // ---- pin

    public void pin(DomainObj dom, int id, BitSet cpus, Set<DomainModificationImpact> flags) {
        Flags.check(flags, BOTH, ErrorDomain.QEMU, "qemuDomainPinIOThread");
        dom.beginJob("pin iothread");
        try {
            Impact imp = Impact.of(dom, flags.contains(DomainModificationImpact.LIVE),
                    flags.contains(DomainModificationImpact.CONFIG));
            if (cpus.isEmpty()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "Empty iothread cpumap list for pinning");
            }
            if (imp.live()) {
                DomainRun run = dom.requireRun();
                List<IOThread> threads = liveThreads(dom, run);
                int i = IOThreadIds.indexOf(threads, id);
                if (i < 0) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "iothread %d not found", id);
                }
                Live live = query(run.process().monitor()).stream().filter(t -> t.id() == id).findFirst()
                        .orElseThrow(() -> VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                                "iothread %d not found", id));
                ThreadAffinity.set(live.threadId(), cpus);
                threads.set(i, threads.get(i).pinned(cpus));
                setLive(dom, run, threads);
            }
            if (imp.config()) {
                DomainXml def = Impact.persistentCopy(dom);
                List<IOThread> threads = new ArrayList<>(IOThreadIds.read(def.element()));
                int i = IOThreadIds.indexOf(threads, id);
                if (i < 0) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "iothreadid %d not found", id);
                }
                threads.set(i, threads.get(i).pinned(cpus));
                IOThreadIds.write(def.element(), threads);
                savePersistent(dom, def);
            }
        } finally {
            dom.endJob();
        }
    }

    private static List<IOThread> liveThreads(DomainObj dom, DomainRun run) {
        synchronized (dom) {
            return new ArrayList<>(IOThreadIds.read(run.liveDef().element()));
        }
    }

    private void setLive(DomainObj dom, DomainRun run, List<IOThread> threads) {
        synchronized (dom) {
            IOThreadIds.write(run.liveDef().element(), threads);
        }
        ctx.writeStatus(dom);
    }

    private void savePersistent(DomainObj dom, DomainXml def) {
        ctx.store().writeConfig(def);
        Impact.setPersistent(dom, def);
    }

    // ---- add, del

    public void add(DomainObj dom, int id, Set<DomainModificationImpact> flags) {
        Flags.check(flags, BOTH, ErrorDomain.QEMU, "qemuDomainAddIOThread");
        if (id == 0) {
            throw zeroId();
        }
        change(dom, flags, "add iothread", def -> {
            List<IOThread> threads = new ArrayList<>(IOThreadIds.read(def.element()));
            IOThreadIds.checkAdd(threads, id);
            threads.add(IOThread.added(id));
            IOThreadIds.write(def.element(), threads);
        }, (run, threads) -> {
            IOThreadIds.checkAdd(threads, id);
            QmpMonitor mon = run.process().monitor();
            String alias = "iothread" + Integer.toUnsignedString(id);
            mon.execute("object-add", JSON.createObjectNode().put("qom-type", "iothread").put("id", alias));
            List<Live> now = query(mon);
            if (now.size() != threads.size() + 1 || now.stream().noneMatch(t -> t.id() == id)) {
                mon.execute("object-del", JSON.createObjectNode().put("id", alias));
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                        "got wrong number of IOThread ids from QEMU monitor. got %d, wanted %d", now.size(),
                        threads.size() + 1);
            }
            List<IOThread> out = new ArrayList<>(threads);
            out.add(IOThread.added(id));
            return out;
        });
    }

    public void del(DomainObj dom, int id, Set<DomainModificationImpact> flags) {
        Flags.check(flags, BOTH, ErrorDomain.QEMU, "qemuDomainDelIOThread");
        if (id == 0) {
            throw zeroId();
        }
        change(dom, flags, "delete iothread", def -> {
            List<IOThread> threads = IOThreadIds.read(def.element());
            IOThreadIds.checkDel(def.element(), threads, id);
            IOThreadIds.write(def.element(), IOThreadIds.remove(threads, id));
        }, (run, threads) -> {
            IOThreadIds.checkDel(run.liveDef().element(), threads, id);
            QmpMonitor mon = run.process().monitor();
            mon.execute("object-del", JSON.createObjectNode().put("id", "iothread" + Integer.toUnsignedString(id)));
            List<Live> now = query(mon);
            if (now.size() != threads.size() - 1) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                        "got wrong number of IOThread ids from QEMU monitor. got %d, wanted %d", now.size(),
                        threads.size() - 1);
            }
            return IOThreadIds.remove(threads, id);
        });
    }

    private interface ConfigChange {
        void apply(DomainXml def);
    }

    private interface LiveChange {
        List<IOThread> apply(DomainRun run, List<IOThread> threads);
    }

    /**
     * qemuDomainChgIOThread: the persistent copy is changed (and checked) first, then the running guest, and only
     * then is the copy saved and taken.
     */
    private void change(DomainObj dom, Set<DomainModificationImpact> flags, String job, ConfigChange config,
                        LiveChange live) {
        dom.beginJob(job);
        try {
            Impact imp = Impact.of(dom, flags.contains(DomainModificationImpact.LIVE),
                    flags.contains(DomainModificationImpact.CONFIG));
            DomainXml copy = null;
            if (imp.config()) {
                copy = Impact.persistentCopy(dom);
                config.apply(copy);
            }
            if (imp.live()) {
                DomainRun run = dom.requireRun();
                setLive(dom, run, live.apply(run, liveThreads(dom, run)));
            }
            if (copy != null) {
                savePersistent(dom, copy);
            }
        } finally {
            dom.endJob();
        }
    }

    // ---- set (polling and the worker pool)

    public void setParams(DomainObj dom, int id, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        Flags.check(flags, BOTH, ErrorDomain.QEMU, "qemuDomainSetIOThreadParams");
        if (id == 0) {
            throw zeroId();
        }
        Map<String, Long> set = parse(params);
        change(dom, flags, "set iothread", def -> {
            List<IOThread> threads = new ArrayList<>(IOThreadIds.read(def.element()));
            int i = find(threads, id);
            validate(threads.get(i), set, false);
            if (set.containsKey(DomainIOThreadParams.POLL_MAX_NS) || set.containsKey(DomainIOThreadParams.POLL_GROW)
                    || set.containsKey(DomainIOThreadParams.POLL_SHRINK)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "configuring persistent polling values is not supported");
            }
            threads.set(i, withPool(threads.get(i), set));
            IOThreadIds.write(def.element(), threads);
        }, (run, threads) -> {
            List<IOThread> out = new ArrayList<>(threads);
            int i = find(out, id);
            validate(out.get(i), set, true);
            qomSet(run.process().monitor(), id, set);
            out.set(i, withPool(out.get(i), set));
            return out;
        });
    }

    private static int find(List<IOThread> threads, int id) {
        int i = IOThreadIds.indexOf(threads, id);
        if (i < 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "cannot find IOThread '%s' in iothreadids",
                    Integer.toUnsignedString(id));
        }
        return i;
    }

    /** qemuDomainIOThreadParseParams: the values given, by parameter name, after libvirt's range checks. */
    private static Map<String, Long> parse(List<TypedParameter> params) {
        TypedParameters.validate(params, TypedParameters.fields(DomainIOThreadParams.POLL_MAX_NS, ULLONG,
                DomainIOThreadParams.POLL_GROW, UINT, DomainIOThreadParams.POLL_SHRINK, UINT,
                DomainIOThreadParams.THREAD_POOL_MIN, INT, DomainIOThreadParams.THREAD_POOL_MAX, INT));
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : QOM.keySet()) {
            TypedParameters.get(params, name).ifPresent(p -> out.put(name, switch (p.type()) {
                case UINT -> Integer.toUnsignedLong((Integer) p.value());
                case INT -> (long) (Integer) p.value();
                default -> (Long) p.value();
            }));
        }
        Long max = out.get(DomainIOThreadParams.POLL_MAX_NS);
        if (max != null && Long.compareUnsigned(max, Integer.MAX_VALUE) > 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "poll-max-ns (%s) must be less than or equal to %d", Long.toUnsignedString(max), Integer.MAX_VALUE);
        }
        for (String name : List.of(DomainIOThreadParams.POLL_GROW, DomainIOThreadParams.POLL_SHRINK)) {
            Long v = out.get(name);
            if (v != null && v > Integer.MAX_VALUE) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "%s (%d) must be less than or equal to %d", QOM.get(name), v, Integer.MAX_VALUE);
            }
        }
        Long min = out.get(DomainIOThreadParams.THREAD_POOL_MIN);
        if (min != null && min < -1) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "thread_pool_min (%d) must be equal to or greater than -1", min);
        }
        Long poolMax = out.get(DomainIOThreadParams.THREAD_POOL_MAX);
        if (poolMax != null && (poolMax < -1 || poolMax == 0)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "thread_pool_max (%d) must be a positive number or -1", poolMax);
        }
        return out;
    }

    private static long pool(IOThread t, String attribute) {
        String v = t.attributes().get(attribute);
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** qemuDomainIOThreadValidate: the worker pool stays ordered; a live change cannot go back to the default. */
    private static void validate(IOThread t, Map<String, Long> set, boolean live) {
        long min = pool(t, "thread_pool_min");
        long max = pool(t, "thread_pool_max");
        Long newMin = set.get(DomainIOThreadParams.THREAD_POOL_MIN);
        if (newMin != null) {
            if (live && newMin < 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "thread_pool_min (%d) must be equal to or greater than 0 for live change", newMin);
            }
            min = newMin;
        }
        Long newMax = set.get(DomainIOThreadParams.THREAD_POOL_MAX);
        if (newMax != null) {
            if (live && newMax < 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "thread_pool_max (%d) must be equal to or greater than 0 for live change", newMax);
            }
            max = newMax;
        }
        if (min > max) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "thread_pool_min (%d) can't be greater than thread_pool_max (%d)", min, max);
        }
    }

    /** The worker pool limits kept in the definition (polling values have no place in the XML). */
    private static IOThread withPool(IOThread t, Map<String, Long> set) {
        IOThread out = t;
        Long min = set.get(DomainIOThreadParams.THREAD_POOL_MIN);
        if (min != null) {
            out = out.withAttribute("thread_pool_min", Long.toString(min));
        }
        Long max = set.get(DomainIOThreadParams.THREAD_POOL_MAX);
        if (max != null) {
            out = out.withAttribute("thread_pool_max", Long.toString(max));
        }
        return out;
    }

    /**
     * qemuMonitorJSONSetIOThread: polling values, then the pool limits, the maximum first when the current one
     * is below the new minimum (QEMU refuses a minimum above the maximum).
     */
    private static void qomSet(QmpMonitor mon, int id, Map<String, Long> set) {
        String path = "/objects/iothread" + Integer.toUnsignedString(id);
        for (String name : List.of(DomainIOThreadParams.POLL_MAX_NS, DomainIOThreadParams.POLL_GROW,
                DomainIOThreadParams.POLL_SHRINK)) {
            if (set.containsKey(name)) {
                mon.execute("qom-set", JSON.createObjectNode().put("path", path).put("property", QOM.get(name))
                        .put("value", set.get(name)));
            }
        }
        Long min = set.get(DomainIOThreadParams.THREAD_POOL_MIN);
        Long max = set.get(DomainIOThreadParams.THREAD_POOL_MAX);
        boolean maxFirst = false;
        if (min != null && max != null) {
            long current = mon.execute("qom-get", JSON.createObjectNode().put("path", path)
                    .put("property", "thread-pool-max")).asLong();
            maxFirst = current < min;
        }
        List<String> order = maxFirst
                ? List.of(DomainIOThreadParams.THREAD_POOL_MAX, DomainIOThreadParams.THREAD_POOL_MIN)
                : List.of(DomainIOThreadParams.THREAD_POOL_MIN, DomainIOThreadParams.THREAD_POOL_MAX);
        for (String name : order) {
            if (set.containsKey(name)) {
                mon.execute("qom-set", JSON.createObjectNode().put("path", path).put("property", QOM.get(name))
                        .put("value", set.get(name)));
            }
        }
    }
}
