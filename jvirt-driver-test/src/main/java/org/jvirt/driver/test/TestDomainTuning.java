package org.jvirt.driver.test;

import static org.jvirt.TypedParameter.Type.BOOLEAN;
import static org.jvirt.TypedParameter.Type.INT;
import static org.jvirt.TypedParameter.Type.STRING;
import static org.jvirt.TypedParameter.Type.UINT;
import static org.jvirt.TypedParameter.Type.ULLONG;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.TypedParameters;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainTuningDriver;
import org.jvirt.conf.CpuSets;
import org.w3c.dom.Element;

/**
 * libvirt 9.0's test driver's tuning calls: the scheduler answers "fair" with weight 50 and keeps nothing (as
 * libvirt's does); memory, block I/O, NUMA and perf parameters read and change the definition's {@code <memtune>},
 * {@code <blkiotune>}, {@code <numatune>} and {@code <perf>} in the definition the modification impact picks.
 */
final class TestDomainTuning implements DomainTuningDriver {

    /** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED: what an unset memory limit reads as. */
    static final long UNLIMITED = Long.MAX_VALUE >> 10;
    private static final Set<DomainModificationImpact> BOTH = EnumSet.allOf(DomainModificationImpact.class);
    private static final List<String> MEMORY = List.of("hard_limit", "soft_limit", "swap_hard_limit");
    /** virDomainGetBlkioParametersAssignFromDef's string parameters and the element each reads. */
    private static final Map<String, String> BLKIO_DEVICE = orderedMap("device_weight", "weight",
            "device_read_iops_sec", "read_iops_sec", "device_write_iops_sec", "write_iops_sec",
            "device_read_bytes_sec", "read_bytes_sec", "device_write_bytes_sec", "write_bytes_sec");
    /** virDomainNumatuneMemMode, by value. */
    private static final List<String> NUMA_MODES = List.of("strict", "preferred", "interleave", "restrictive");
    /** virPerfEvent, in libvirt's order. */
    static final List<String> PERF_EVENTS = List.of("cmt", "mbmt", "mbml", "cpu_cycles", "instructions",
            "cache_references", "cache_misses", "branch_instructions", "branch_misses", "bus_cycles",
            "stalled_cycles_frontend", "stalled_cycles_backend", "ref_cpu_cycles", "cpu_clock", "task_clock",
            "page_faults", "context_switches", "cpu_migrations", "page_faults_min", "page_faults_maj",
            "alignment_faults", "emulation_faults");

    private final TestState st;
    private final TestIOThreads iothreads;

    TestDomainTuning(TestState st) {
        this.st = st;
        this.iothreads = new TestIOThreads(st);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private DomainDef one(DomainRef dom, Set<DomainModificationImpact> flags) {
        return Impact.one(TestDomains.obj(st, dom), flags.contains(DomainModificationImpact.LIVE),
                flags.contains(DomainModificationImpact.CONFIG)).single();
    }

    // ---- scheduler ----------------------------------------------------------------------------------------

    @Override
    public String getSchedulerType(DomainRef dom) {
        return "fair";
    }

    @Override
    public List<TypedParameter> getSchedulerParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        if (!flags.isEmpty()) {
            // libvirt's public API adds VIR_TYPED_PARAM_STRING_OKAY (0x4) for this driver before virCheckFlags(0)
            org.jvirt.Flags.checkBits(Errors.bits(flags) | 4, 0, ErrorDomain.TEST,
                    "testDomainGetSchedulerParametersFlags");
        }
        synchronized (st) {
            TestDomains.obj(st, dom);
            return List.of(TypedParameter.ofUint("weight", 50));
        }
    }

    @Override
    public void setSchedulerParameters(DomainRef dom, List<TypedParameter> params,
                                       Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, Set.of(), "testDomainSetSchedulerParametersFlags");
        TypedParameters.validate(params, TypedParameters.fields("weight", UINT));
        synchronized (st) {
            TestDomains.obj(st, dom);
        }
    }

    // ---- memory -------------------------------------------------------------------------------------------

    @Override
    public List<TypedParameter> getMemoryParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainGetMemoryParameters");
        synchronized (st) {
            DomainDef def = one(dom, flags);
            return def.read(r -> {
                List<TypedParameter> out = new ArrayList<>();
                Element mt = Xml.child(r, "memtune");
                for (String name : MEMORY) {
                    String v = mt == null ? null : Xml.childText(mt, name);
                    out.add(TypedParameter.ofUllong(name, v == null ? UNLIMITED : Long.parseLong(v.trim())));
                }
                return out;
            });
        }
    }

    @Override
    public void setMemoryParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainSetMemoryParameters");
        TypedParameters.validate(params, TypedParameters.fields("hard_limit", ULLONG, "soft_limit", ULLONG,
                "swap_hard_limit", ULLONG));
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            DomainDef def = one(dom, flags);
            Long hard = value(params, "hard_limit");
            Long swap = value(params, "swap_hard_limit");
            Long soft = value(params, "soft_limit");
            if (hard != null || swap != null) {
                // libvirt compares against the running definition's limits, whichever definition it changes
                List<Long> now = d.def.read(r -> List.of(limit(r, "hard_limit"), limit(r, "swap_hard_limit")));
                long mem = hard != null ? hard : now.get(0);
                long sw = swap != null ? swap : now.get(1);
                if (Long.compareUnsigned(mem, sw) > 0) {
                    throw VirtException.of(ErrorDomain.TEST, ErrorNumber.INVALID_ARG,
                            "memory hard_limit tunable value must be lower than or equal to swap_hard_limit");
                }
            }
            def.edit(r -> {
                Element mt = topChild(r, "memtune");
                setLimit(mt, "hard_limit", hard);
                setLimit(mt, "soft_limit", soft);
                setLimit(mt, "swap_hard_limit", swap);
                orderChildren(mt, List.of("hard_limit", "soft_limit", "swap_hard_limit", "min_guarantee"));
                if (Xml.children(mt).isEmpty()) {
                    r.removeChild(mt);
                }
            });
        }
    }

    /** The top-level element {@code name}, created in libvirt's place when missing. */
    private static Element topChild(Element r, String name) {
        Element e = Xml.child(r, name);
        if (e == null) {
            e = r.getOwnerDocument().createElement(name);
            r.appendChild(e);
            DomainDef.orderTop(r);
        }
        return e;
    }

    private static Long value(List<TypedParameter> params, String field) {
        return TypedParameters.get(params, field).map(p -> (Long) p.value()).orElse(null);
    }

    private static long limit(Element r, String name) {
        Element mt = Xml.child(r, "memtune");
        String v = mt == null ? null : Xml.childText(mt, name);
        return v == null ? UNLIMITED : Long.parseLong(v.trim());
    }

    /** A limit of UNLIMITED (or more) is not written, as virMemoryLimitIsSet leaves it out. */
    private static void setLimit(Element mt, String name, Long kib) {
        if (kib == null) {
            return;
        }
        Xml.removeChildren(mt, name);
        if (Long.compareUnsigned(kib, UNLIMITED) < 0) {
            Element e = mt.getOwnerDocument().createElement(name);
            Xml.set(e, "unit", "KiB");
            e.setTextContent(Long.toUnsignedString(kib));
            mt.appendChild(e);
        }
    }

    private static void orderChildren(Element parent, List<String> order) {
        List<Element> kids = new ArrayList<>(Xml.children(parent));
        kids.sort(java.util.Comparator.comparingInt(k -> order.indexOf(Xml.localName(k)) < 0 ? order.size()
                : order.indexOf(Xml.localName(k))));
        for (Element k : kids) {
            parent.appendChild(k);
        }
    }

    // ---- block I/O ----------------------------------------------------------------------------------------

    @Override
    public List<TypedParameter> getBlkioParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainGetBlkioParameters");
        synchronized (st) {
            return one(dom, flags).read(r -> {
                Element bt = Xml.child(r, "blkiotune");
                List<TypedParameter> out = new ArrayList<>();
                String w = bt == null ? null : Xml.childText(bt, "weight");
                out.add(TypedParameter.ofUint("weight", w == null ? 0 : Integer.parseUnsignedInt(w.trim())));
                for (Map.Entry<String, String> e : BLKIO_DEVICE.entrySet()) {
                    List<String> parts = new ArrayList<>();
                    for (Element dev : bt == null ? List.<Element>of() : Xml.children(bt, "device")) {
                        String v = Xml.childText(dev, e.getValue());
                        if (v != null && !v.trim().equals("0")) {
                            parts.add(Xml.childText(dev, "path").trim() + "," + v.trim());
                        }
                    }
                    out.add(TypedParameter.ofString(e.getKey(), String.join(",", parts)));
                }
                return out;
            });
        }
    }

    @Override
    public void setBlkioParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainSetBlkioParameters");
        TypedParameters.validate(params, TypedParameters.fields("weight", UINT, "device_weight", STRING,
                "device_read_iops_sec", STRING, "device_write_iops_sec", STRING, "device_read_bytes_sec", STRING,
                "device_write_bytes_sec", STRING));
        synchronized (st) {
            DomainDef def = one(dom, flags);
            def.edit(r -> {
                Element bt = topChild(r, "blkiotune");
                for (TypedParameter p : params) {
                    if (p.field().equals("weight")) {
                        Xml.setChildText(bt, "weight", Integer.toUnsignedString((Integer) p.value()));
                    } else {
                        setDevices(bt, p.field(), BLKIO_DEVICE.get(p.field()), (String) p.value());
                    }
                }
                orderChildren(bt, List.of("weight", "device"));
            });
        }
    }

    /** virDomainDriverParseBlkioDeviceStr: "path,value[,path,value...]"; a value replaces that device's one. */
    private static void setDevices(Element bt, String field, String element, String spec) {
        String[] parts = spec.isEmpty() ? new String[0] : spec.split(",", -1);
        if (parts.length % 2 != 0) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "unable to parse blkio device '%s' '%s'",
                    field, spec);
        }
        for (int i = 0; i < parts.length; i += 2) {
            String path = parts[i];
            String v = parts[i + 1];
            try {
                Long.parseUnsignedLong(v);
            } catch (NumberFormatException e) {
                throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG,
                        "invalid value '%s' for parameter '%s' of device '%s'", v, element, path);
            }
            Element dev = null;
            for (Element d : Xml.children(bt, "device")) {
                if (path.equals(Xml.childText(d, "path"))) {
                    dev = d;
                }
            }
            if (dev == null) {
                dev = bt.getOwnerDocument().createElement("device");
                Xml.setChildText(dev, "path", path);
                bt.appendChild(dev);
            }
            if (v.equals("0")) {
                Xml.removeChildren(dev, element);
            } else {
                Xml.setChildText(dev, element, v);
            }
            orderChildren(dev, List.of("path", "weight", "read_iops_sec", "write_iops_sec", "read_bytes_sec",
                    "write_bytes_sec"));
            if (Xml.children(dev).size() == 1) {
                bt.removeChild(dev);
            }
        }
    }

    // ---- NUMA ---------------------------------------------------------------------------------------------

    @Override
    public List<TypedParameter> getNumaParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainGetNumaParameters");
        synchronized (st) {
            return one(dom, flags).read(r -> {
                Element nt = Xml.child(r, "numatune");
                Element mem = nt == null ? null : Xml.child(nt, "memory");
                String mode = mem == null ? null : Xml.attr(mem, "mode");
                String nodeset = mem == null ? null : Xml.attr(mem, "nodeset");
                int m = mode == null ? 0 : Math.max(0, NUMA_MODES.indexOf(mode));
                return List.of(TypedParameter.ofInt("numa_mode", m),
                        TypedParameter.ofString("numa_nodeset", nodeset == null ? "" : nodeset));
            });
        }
    }

    @Override
    public void setNumaParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainSetNumaParameters");
        TypedParameters.validate(params, TypedParameters.fields("numa_mode", INT, "numa_nodeset", STRING));
        synchronized (st) {
            Impact impact = Impact.one(TestDomains.obj(st, dom), flags.contains(DomainModificationImpact.LIVE),
                    flags.contains(DomainModificationImpact.CONFIG));
            Integer mode = TypedParameters.get(params, "numa_mode").map(p -> (Integer) p.value()).orElse(null);
            String nodeset = TypedParameters.get(params, "numa_nodeset").map(p -> (String) p.value()).orElse(null);
            if (mode != null && (mode < 0 || mode >= NUMA_MODES.size())) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.INVALID_ARG, "unsupported numatune mode: '%d'",
                        mode);
            }
            if (nodeset != null && CpuSets.parse(nodeset, 4096).isEmpty()) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_INVALID,
                        "Invalid nodeset of 'numatune': %s", nodeset);
            }
            DomainDef def = impact.single();
            def.edit(r -> setNuma(r, impact.isLive(), mode, nodeset));
        }
    }

    /** virDomainNumatuneSet on the definition's {@code <numatune><memory>}, as the test driver calls it. */
    private static void setNuma(Element r, boolean live, Integer mode, String nodeset) {
        Element nt = Xml.child(r, "numatune");
        Element mem = nt == null ? null : Xml.child(nt, "memory");
        boolean specified = mem != null;
        if (live && mode != null && specified) {
            String cur = Xml.attr(mem, "mode");
            if (NUMA_MODES.indexOf(cur == null ? "strict" : cur) != mode) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_INVALID,
                        "can't change numatune mode for running domain");
            }
        }
        if (mode == null && nodeset == null) {
            return;
        }
        String newMode = mode != null ? NUMA_MODES.get(mode) : specified && Xml.attr(mem, "mode") != null
                ? Xml.attr(mem, "mode") : "strict";
        String newNodeset = nodeset != null ? CpuSets.format(CpuSets.parse(nodeset, 4096))
                : specified ? Xml.attr(mem, "nodeset") : null;
        String placement = nodeset != null ? "static" : specified ? Xml.attr(mem, "placement") : null;
        if (placement == null) {
            Element vcpu = Xml.child(r, "vcpu");
            boolean vcpuStatic = vcpu == null || !"auto".equals(Xml.attr(vcpu, "placement"));
            placement = newNodeset != null || vcpuStatic ? "static" : "auto";
        }
        if (placement.equals("static") && newNodeset == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.CONFIG_UNSUPPORTED,
                    "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        }
        nt = topChild(r, "numatune");
        if (mem == null) {
            mem = r.getOwnerDocument().createElement("memory");
            nt.insertBefore(mem, nt.getFirstChild());
        }
        for (String a : List.of("mode", "placement", "nodeset")) {
            Xml.set(mem, a, null);
        }
        Xml.set(mem, "mode", newMode);
        if (placement.equals("auto")) {
            Xml.set(mem, "placement", "auto");
        } else {
            Xml.set(mem, "nodeset", newNodeset);
        }
    }

    // ---- perf events --------------------------------------------------------------------------------------

    @Override
    public List<TypedParameter> getPerfEvents(DomainRef dom, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainGetPerfEvents");
        synchronized (st) {
            return one(dom, flags).read(r -> {
                Element perf = Xml.child(r, "perf");
                List<TypedParameter> out = new ArrayList<>();
                for (String ev : PERF_EVENTS) {
                    boolean on = false;
                    for (Element e : perf == null ? List.<Element>of() : Xml.children(perf, "event")) {
                        if (ev.equals(Xml.attr(e, "name"))) {
                            on = "yes".equals(Xml.attr(e, "enabled"));
                        }
                    }
                    out.add(TypedParameter.ofBoolean(ev, on));
                }
                return out;
            });
        }
    }

    @Override
    public void setPerfEvents(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainSetPerfEvents");
        Map<String, TypedParameter.Type> allowed = new java.util.LinkedHashMap<>();
        PERF_EVENTS.forEach(e -> allowed.put(e, BOOLEAN));
        TypedParameters.validate(params, allowed);
        synchronized (st) {
            one(dom, flags).edit(r -> {
                Element perf = topChild(r, "perf");
                for (TypedParameter p : params) {
                    Element ev = null;
                    for (Element e : Xml.children(perf, "event")) {
                        if (p.field().equals(Xml.attr(e, "name"))) {
                            ev = e;
                        }
                    }
                    if (ev == null) {
                        ev = r.getOwnerDocument().createElement("event");
                        Xml.set(ev, "name", p.field());
                        perf.appendChild(ev);
                    }
                    Xml.set(ev, "enabled", (Boolean) p.value() ? "yes" : "no");
                }
                List<Element> evs = new ArrayList<>(Xml.children(perf, "event"));
                evs.sort(java.util.Comparator.comparingInt(e -> PERF_EVENTS.indexOf(Xml.attr(e, "name"))));
                for (Element e : evs) {
                    perf.appendChild(e);
                }
            });
        }
    }

    // ---- pinning ------------------------------------------------------------------------------------------

    /** VIR_NODEINFO_MAXCPUS of the test node: all its CPUs, the affinity of what is not pinned. */
    private java.util.BitSet hostCpus() {
        java.util.BitSet all = new java.util.BitSet();
        all.set(0, st.nodeInfo.nodes() * st.nodeInfo.sockets() * st.nodeInfo.cores() * st.nodeInfo.threads());
        return all;
    }

    /** The {@code <vcpu cpuset>} of a definition (def->cpumask), or null. */
    private static java.util.BitSet defCpumask(Element r) {
        Element v = Xml.child(r, "vcpu");
        String cpuset = v == null ? null : Xml.attr(v, "cpuset");
        return cpuset == null ? null : CpuSets.parse(cpuset, 4096);
    }

    /** virDomainDefGetVcpuPinInfoHelper: each vCPU's pin, else the domain's cpuset, else every host CPU. */
    @Override
    public List<java.util.BitSet> getVcpuPinInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        synchronized (st) {
            return affinities(one(dom, flags), st);
        }
    }

    /** The affinity of each vCPU of a definition (testDomainGetVcpus reads its CPU from these too). */
    static List<java.util.BitSet> affinities(DomainDef def, TestState st) {
        java.util.BitSet all = new java.util.BitSet();
        all.set(0, st.nodeInfo.nodes() * st.nodeInfo.sockets() * st.nodeInfo.cores() * st.nodeInfo.threads());
        return def.read(r -> {
            java.util.BitSet mask = defCpumask(r);
            java.util.Map<Integer, java.util.BitSet> pins = vcpuPins(r);
            List<java.util.BitSet> out = new ArrayList<>();
            for (int i = 0; i < def.vcpusMax(); i++) {
                out.add(pins.getOrDefault(i, mask != null ? mask : all));
            }
            return out;
        });
    }

    private static java.util.Map<Integer, java.util.BitSet> vcpuPins(Element r) {
        java.util.Map<Integer, java.util.BitSet> pins = new java.util.HashMap<>();
        Element ct = Xml.child(r, "cputune");
        for (Element pin : ct == null ? List.<Element>of() : Xml.children(ct, "vcpupin")) {
            Integer vcpu = org.jvirt.conf.StrToLong.toInt(Xml.attr(pin, "vcpu"));
            if (vcpu != null && Xml.attr(pin, "cpuset") != null) {
                pins.put(vcpu, CpuSets.parse(Xml.attr(pin, "cpuset"), 4096));
            }
        }
        return pins;
    }

    /** testDomainPinVcpuFlags: the running definition only, an online vCPU, no flags. */
    @Override
    public void pinVcpu(DomainRef dom, int vcpu, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, Set.of(), "testDomainPinVcpuFlags");
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            if (!d.isActive()) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_INVALID,
                        "cannot pin vcpus on an inactive domain");
            }
            if (vcpu < 0 || vcpu >= d.def.vcpusCurrent()) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.INVALID_ARG,
                        "requested vcpu '%d' is not present in the domain", vcpu);
            }
            d.def.edit(r -> {
                Element ct = topChild(r, "cputune");
                for (Element pin : Xml.children(ct, "vcpupin")) {
                    if (String.valueOf(vcpu).equals(Xml.attr(pin, "vcpu"))) {
                        ct.removeChild(pin);
                    }
                }
                Element pin = r.getOwnerDocument().createElement("vcpupin");
                Xml.set(pin, "vcpu", Integer.toString(vcpu));
                Xml.set(pin, "cpuset", CpuSets.format(cpus));
                ct.appendChild(pin);
                orderCputune(ct);
            });
        }
    }

    /** testDomainGetEmulatorPinInfo: the emulator's pin, else the domain's cpuset, else every host CPU. */
    @Override
    public java.util.BitSet getEmulatorPinInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainGetEmulatorPinInfo");
        synchronized (st) {
            java.util.BitSet all = hostCpus();
            return one(dom, flags).read(r -> {
                Element ct = Xml.child(r, "cputune");
                Element pin = ct == null ? null : Xml.child(ct, "emulatorpin");
                if (pin != null && Xml.attr(pin, "cpuset") != null) {
                    return CpuSets.parse(Xml.attr(pin, "cpuset"), 4096);
                }
                java.util.BitSet mask = defCpumask(r);
                return mask != null ? mask : all;
            });
        }
    }

    @Override
    public void pinEmulator(DomainRef dom, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainPinEmulator");
        synchronized (st) {
            DomainDef def = one(dom, flags);
            if (cpus.isEmpty()) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.INVALID_ARG, "Empty cpu list for pinning");
            }
            def.edit(r -> {
                Element ct = topChild(r, "cputune");
                Xml.removeChildren(ct, "emulatorpin");
                Element pin = r.getOwnerDocument().createElement("emulatorpin");
                Xml.set(pin, "cpuset", CpuSets.format(cpus));
                ct.appendChild(pin);
                orderCputune(ct);
            });
        }
    }

    /** virDomainCputuneDefFormat's order: the scalars, vcpupins by vCPU, emulatorpin, iothreadpins, the rest. */
    private static void orderCputune(Element ct) {
        List<String> order = List.of("shares", "period", "quota", "global_period", "global_quota", "emulator_period",
                "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin", "iothreadpin",
                "vcpusched", "iothreadsched", "emulatorsched", "cachetune", "memorytune");
        List<Element> kids = new ArrayList<>(Xml.children(ct));
        kids.sort(java.util.Comparator.<Element>comparingInt(k -> order.indexOf(Xml.localName(k)) < 0 ? order.size()
                : order.indexOf(Xml.localName(k))).thenComparingInt(k -> "vcpupin".equals(Xml.localName(k))
                ? java.util.Objects.requireNonNullElse(org.jvirt.conf.StrToLong.toInt(Xml.attr(k, "vcpu")), 0) : 0));
        for (Element k : kids) {
            ct.appendChild(k);
        }
    }

    // ---- IOThreads (TestIOThreads) ------------------------------------------------------------------------

    @Override
    public List<org.jvirt.DomainIOThreadInfo> getIOThreadInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        return iothreads.info(dom, flags);
    }

    @Override
    public void pinIOThread(DomainRef dom, int iothreadId, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        iothreads.pin(dom, iothreadId, cpus, flags);
    }

    @Override
    public void addIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        iothreads.add(dom, iothreadId, flags);
    }

    @Override
    public void delIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        iothreads.del(dom, iothreadId, flags);
    }

    @Override
    public void setIOThreadParams(DomainRef dom, int iothreadId, List<TypedParameter> params,
                                  Set<DomainModificationImpact> flags) {
        iothreads.setParams(dom, iothreadId, params, flags);
    }

    // ---- interface bandwidth ------------------------------------------------------------------------------

    private static final List<String> BANDWIDTH = List.of("inbound.average", "inbound.peak", "inbound.burst",
            "inbound.floor", "outbound.average", "outbound.peak", "outbound.burst");

    /** virDomainNetFind: by MAC address when the text is one, else by target device name. */
    private static Element findNet(Element r, String device) {
        Element devices = Xml.child(r, "devices");
        boolean byMac = device.matches("(?i)([0-9a-f]{1,2}:){5}[0-9a-f]{1,2}");
        List<Element> found = new ArrayList<>();
        for (Element net : devices == null ? List.<Element>of() : Xml.children(devices, "interface")) {
            Element mac = Xml.child(net, "mac");
            Element target = Xml.child(net, "target");
            if (byMac ? mac != null && normalMac(Xml.attr(mac, "address")).equals(normalMac(device))
                    : target != null && device.equals(Xml.attr(target, "dev"))) {
                found.add(net);
            }
        }
        if (found.size() > 1) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.MULTIPLE_INTERFACES,
                    "Domain has multiple interfaces matching MAC address %s", device);
        }
        if (found.isEmpty()) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "'%s' is not a known interface", device);
        }
        return found.get(0);
    }

    private static String normalMac(String mac) {
        StringBuilder b = new StringBuilder();
        for (String p : String.valueOf(mac).toLowerCase(java.util.Locale.ROOT).split(":")) {
            b.append(p.length() == 1 ? "0" + p : p).append(':');
        }
        return b.toString();
    }

    @Override
    public List<TypedParameter> getInterfaceParameters(DomainRef dom, String device,
                                                       Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainGetInterfaceParameters");
        synchronized (st) {
            return one(dom, flags).read(r -> {
                Element bw = Xml.child(findNet(r, device), "bandwidth");
                List<TypedParameter> out = new ArrayList<>();
                for (String field : BANDWIDTH) {
                    String[] dir = field.split("\\.");
                    Element e = bw == null ? null : Xml.child(bw, dir[0]);
                    String v = e == null ? null : Xml.attr(e, dir[1]);
                    out.add(TypedParameter.ofUint(field, v == null ? 0 : (int) (long) org.jvirt.conf.StrToLong.toUInt(v)));
                }
                return out;
            });
        }
    }

    /** testDomainSetInterfaceParameters: a direction is replaced when its average (or floor) is given. */
    @Override
    public void setInterfaceParameters(DomainRef dom, String device, List<TypedParameter> params,
                                       Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainSetInterfaceParameters");
        Map<String, TypedParameter.Type> allowed = new java.util.LinkedHashMap<>();
        BANDWIDTH.forEach(f -> allowed.put(f, UINT));
        TypedParameters.validate(params, allowed);
        synchronized (st) {
            one(dom, flags).edit(r -> {
                Element net = findNet(r, device);
                long[] in = new long[4];
                long[] out = new long[3];
                boolean inSpecified = false;
                boolean outSpecified = false;
                for (TypedParameter p : params) {
                    int i = BANDWIDTH.indexOf(p.field());
                    long v = p.longValue();
                    if (i < 4) {
                        in[i] = v;
                        inSpecified |= i == 0 || i == 3;
                    } else {
                        out[i - 4] = v;
                        outSpecified |= i == 4;
                    }
                }
                Element bw = Xml.child(net, "bandwidth");
                boolean hadBandwidth = bw != null;
                if (bw == null) {
                    bw = r.getOwnerDocument().createElement("bandwidth");
                    Element before = null;
                    for (Element c : Xml.children(net)) {
                        if (before == null && !List.of("mac", "source", "vlan", "virtualport")
                                .contains(Xml.localName(c))) {
                            before = c;
                        }
                    }
                    net.insertBefore(bw, before);
                }
                boolean newIn = in[0] != 0 || in[3] != 0;
                boolean newOut = out[0] != 0;
                if (newIn || inSpecified || !hadBandwidth) {
                    Xml.removeChildren(bw, "inbound");
                }
                if (newOut || outSpecified || !hadBandwidth) {
                    Xml.removeChildren(bw, "outbound");
                }
                if (newIn) {
                    Element e = r.getOwnerDocument().createElement("inbound");
                    rate(e, "average", in[0]);
                    rate(e, "peak", in[1]);
                    rate(e, "floor", in[3]);
                    rate(e, "burst", in[2]);
                    bw.insertBefore(e, bw.getFirstChild());
                }
                if (newOut) {
                    Element e = r.getOwnerDocument().createElement("outbound");
                    rate(e, "average", out[0]);
                    rate(e, "peak", out[1]);
                    rate(e, "burst", out[2]);
                    bw.appendChild(e);
                }
                if (Xml.children(bw).isEmpty()) {
                    net.removeChild(bw);
                }
            });
        }
    }

    private static void rate(Element e, String name, long v) {
        if (v != 0) {
            Xml.set(e, name, Long.toString(v));
        }
    }
}
