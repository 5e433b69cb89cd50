package org.jvirt.driver.test;

import static org.jvirt.TypedParameter.Type.UINT;
import static org.jvirt.TypedParameter.Type.ULLONG;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jvirt.DomainIOThreadInfo;
import org.jvirt.DomainIOThreadParams;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.TypedParameters;
import org.jvirt.VirtException;
import org.jvirt.conf.CpuSets;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.IOThreadIds;
import org.w3c.dom.Element;

/**
 * libvirt 9.0's test driver's IOThread calls (testDomainGetIOThreadInfo, Add/Del/PinIOThread, SetIOThreadParams).
 * The ids and pins live in the definition the modification impact picks ({@code <iothreads>}, {@code
 * <iothreadids>}, {@code <cputune><iothreadpin>}); the polling values live with the domain's runtime
 * ({@link DomainObj#iothreads()}), which add and del change whichever definition they were asked to change, as
 * libvirt's do. The definition's side is jvirt-xml's {@link IOThreadIds}, shared with the QEMU driver.
 */
final class TestIOThreads {

    private static final Set<DomainModificationImpact> BOTH = EnumSet.allOf(DomainModificationImpact.class);

    private final TestState st;

    TestIOThreads(TestState st) {
        this.st = st;
    }

    private DomainDef one(DomainRef dom, Set<DomainModificationImpact> flags) {
        return Impact.one(TestDomains.obj(st, dom), flags.contains(DomainModificationImpact.LIVE),
                flags.contains(DomainModificationImpact.CONFIG)).single();
    }

    private static VirtException zeroId() {
        return Errors.test(ErrorNumber.INVALID_ARG, "invalid value of 0 for iothread_id");
    }

    // ---- the entry points

    /** virDomainDriverGetIOThreadsConfig with the definition's vCPU count as the size of an unpinned map. */
    List<DomainIOThreadInfo> info(DomainRef dom, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainGetIOThreadInfo");
        synchronized (st) {
            DomainDef def = one(dom, flags);
            return def.read(r -> {
                BitSet fallback;
                Element v = Xml.child(r, "vcpu");
                String cpuset = v == null ? null : Xml.attr(v, "cpuset");
                if (cpuset != null) {
                    fallback = CpuSets.parse(cpuset, 4096);
                } else {
                    fallback = new BitSet();
                    fallback.set(0, def.vcpusCurrent());
                }
                List<DomainIOThreadInfo> out = new ArrayList<>();
                for (IOThreadIds.IOThread t : IOThreadIds.read(r)) {
                    out.add(new DomainIOThreadInfo(t.id(), t.pin() != null ? t.pin() : fallback));
                }
                return out;
            });
        }
    }

    void add(DomainRef dom, int id, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainAddIOThread");
        if (id == 0) {
            throw zeroId();
        }
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            one(dom, flags).edit(r -> {
                List<IOThreadIds.IOThread> threads = new ArrayList<>(IOThreadIds.read(r));
                IOThreadIds.checkAdd(threads, id);
                threads.add(IOThreadIds.IOThread.added(id));
                IOThreadIds.write(r, threads);
            });
            d.addIOThreads(List.of(id));
        }
    }

    void del(DomainRef dom, int id, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainDelIOThread");
        if (id == 0) {
            throw zeroId();
        }
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            one(dom, flags).edit(r -> {
                List<IOThreadIds.IOThread> threads = IOThreadIds.read(r);
                IOThreadIds.checkDel(r, threads, id);
                IOThreadIds.write(r, IOThreadIds.remove(threads, id));
            });
            d.removeIOThread(id);
        }
    }

    void pin(DomainRef dom, int id, BitSet cpus, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, BOTH, "testDomainPinIOThread");
        synchronized (st) {
            DomainDef def = one(dom, flags);
            if (cpus.isEmpty()) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "Empty iothread cpumap list for pinning");
            }
            def.edit(r -> {
                List<IOThreadIds.IOThread> threads = new ArrayList<>(IOThreadIds.read(r));
                int i = IOThreadIds.indexOf(threads, id);
                if (i < 0) {
                    throw Errors.test(ErrorNumber.INVALID_ARG, "iothreadid %d not found", id);
                }
                threads.set(i, threads.get(i).pinned(cpus));
                IOThreadIds.write(r, threads);
            });
        }
    }

    /** testDomainSetIOThreadParams: the polling values of the runtime's IOThread, the id checked in the def. */
    void setParams(DomainRef dom, int id, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainModificationImpact.LIVE), "testDomainSetIOThreadParams");
        if (id == 0) {
            throw zeroId();
        }
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            boolean known = one(dom, flags).read(r -> IOThreadIds.indexOf(IOThreadIds.read(r), id) >= 0);
            if (!known) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "cannot find IOThread '%s' in iothreadids",
                        Integer.toUnsignedString(id));
            }
            for (DomainObj.IOThread t : d.iothreads()) {
                if (t.id() == id) {
                    TypedParameters.validate(params, TypedParameters.fields(DomainIOThreadParams.POLL_MAX_NS, ULLONG,
                            DomainIOThreadParams.POLL_GROW, UINT, DomainIOThreadParams.POLL_SHRINK, UINT));
                    long max = TypedParameters.get(params, DomainIOThreadParams.POLL_MAX_NS).map(p -> (Long) p.value())
                            .orElse(t.pollMaxNs());
                    int grow = TypedParameters.get(params, DomainIOThreadParams.POLL_GROW).map(p -> (Integer) p.value())
                            .orElse(t.pollGrow());
                    int shrink = TypedParameters.get(params, DomainIOThreadParams.POLL_SHRINK).map(p -> (Integer) p.value())
                            .orElse(t.pollShrink());
                    d.replaceIOThread(new DomainObj.IOThread(id, max, grow, shrink));
                    return;
                }
            }
            // libvirt fails here without saying why (ret stays -1 with no error raised)
            throw Errors.bare(ErrorDomain.NONE, ErrorNumber.INTERNAL_ERROR,
                    "An error occurred, but the cause is unknown");
        }
    }
}
