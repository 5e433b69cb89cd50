package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.DomainJobInfo;
import org.jvirt.DomainJobType;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;

/**
 * The migrations a driver state has under way, by domain UUID: what libvirt keeps as a domain's asynchronous
 * migration job. The steps of one migration come as separate calls (from one client, on any thread), so this is
 * a record of the phase reached, not a lock; queries (job info) and abort read it while Perform runs.
 */
final class MigrationJobs {

    /** How far an outgoing migration got. */
    enum Phase { BEGUN, PERFORMING, PERFORMED }

    /** An outgoing migration, from Begin to Confirm. */
    static final class Out {
        final DomainRun run;
        final Object owner;
        volatile Phase phase = Phase.BEGUN;
        volatile long started;
        volatile boolean wasRunning;

        Out(DomainRun run, Object owner) {
            this.run = run;
            this.owner = owner;
        }
    }

    /**
     * An incoming migration, from Prepare to Finish.
     *
     * @param status completes with QEMU's final migration status (completed, failed, cancelled)
     * @param owner  the connection that prepared it
     */
    record In(DomainObj dom, DomainRun run, int port, CompletableFuture<String> status, long started,
            Object owner) {
    }

    private final Map<UUID, Out> out = new ConcurrentHashMap<>();
    private final Map<UUID, In> in = new ConcurrentHashMap<>();

    Out out(UUID uuid) {
        return out.get(uuid);
    }

    /** Registers a new outgoing migration; one that never got past Begin is simply replaced. */
    synchronized Out beginOut(DomainObj dom, DomainRun run, Object owner) {
        Out old = out.get(dom.uuid());
        if (old != null && old.phase != Phase.BEGUN && old.run == run) {
            throw anotherJob(dom);
        }
        if (in.containsKey(dom.uuid())) {
            throw anotherJob(dom);
        }
        Out o = new Out(run, owner);
        out.put(dom.uuid(), o);
        return o;
    }

    /** A job of this host alone that QEMU runs as a migration (save): under way from now, until endLocal. */
    synchronized Out beginLocal(DomainObj dom, DomainRun run) {
        Out o = new Out(run, null);
        o.started = System.currentTimeMillis();
        o.phase = Phase.PERFORMING;
        out.put(dom.uuid(), o);
        return o;
    }

    void endLocal(DomainObj dom, Out o) {
        if (o != null) {
            out.remove(dom.uuid(), o);
        }
    }

    Out endOut(UUID uuid) {
        return out.remove(uuid);
    }

    synchronized void addIn(In i) {
        if (out.containsKey(i.dom().uuid()) || in.containsKey(i.dom().uuid())) {
            throw anotherJob(i.dom());
        }
        in.put(i.dom().uuid(), i);
    }

    /** The incoming migrations {@code owner} prepared and has not finished. */
    java.util.List<In> inOf(Object owner) {
        return in.values().stream().filter(i -> i.owner() == owner).toList();
    }

    /** Drops the outgoing migrations {@code owner} began that are between steps (none is sending). */
    void dropOutOf(Object owner) {
        out.values().removeIf(o -> o.owner == owner && o.phase != Phase.PERFORMING);
    }

    In inByName(String name) {
        for (In i : in.values()) {
            if (i.dom().name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    boolean endIn(In i) {
        return in.remove(i.dom().uuid(), i);
    }

    private static VirtException anotherJob(DomainObj dom) {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                "another migration job is already running for domain '%s'", dom.name());
    }

    /** virDomainGetJobInfo: the migration's progress from QEMU's query-migrate, or no job. */
    DomainJobInfo info(DomainObj dom) {
        Out o = out.get(dom.uuid());
        DomainRun run = dom.run();
        if (o != null && o.phase == Phase.PERFORMING && run == o.run) {
            long elapsed = System.currentTimeMillis() - o.started;
            JsonNode ram;
            try {
                ram = run.process().monitor().execute("query-migrate").path("ram");
            } catch (RuntimeException e) {
                ram = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            long total = ram.path("total").asLong(0);
            long done = ram.path("transferred").asLong(0);
            long left = ram.path("remaining").asLong(0);
            return new DomainJobInfo(DomainJobType.UNBOUNDED, elapsed, 0, total, done, left, total, done, left,
                    0, 0, 0);
        }
        In i = in.get(dom.uuid());
        if (i != null && !i.status().isDone()) {
            return new DomainJobInfo(DomainJobType.UNBOUNDED, System.currentTimeMillis() - i.started(), 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0);
        }
        return DomainJobInfo.none();
    }

    /** virDomainAbortJob: cancels an outgoing migration in flight (QMP migrate_cancel). */
    void abort(DomainObj dom) {
        Out o = out.get(dom.uuid());
        DomainRun run = dom.requireRun();
        if (o != null && o.phase == Phase.PERFORMING && run == o.run) {
            run.process().monitor().execute("migrate_cancel");
            return;
        }
        if (in.containsKey(dom.uuid())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "cannot abort incoming migration; use virDomainDestroy instead");
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "no job is active on the domain");
    }
}
