package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.MigrateParam;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpEventListener;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.DomainMigrateFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DomainXml;

/**
 * The source side of a migration (qemuMigrationSrcBegin, qemuMigrationSrcPerform, qemuMigrationSrcConfirm):
 * hand out the definition, send QEMU's state to the destination's incoming QEMU, then either end the local QEMU
 * (STOPPED/MIGRATED) or let the guest run on here.
 */
final class MigrationOut {

    /** libvirt's QEMU_DOMAIN_MIG_BANDWIDTH_MAX, in MiB/s: no limit unless the caller sets one. */
    static final long BANDWIDTH_MAX_MIB = Long.MAX_VALUE / (1024 * 1024);

    private final DriverContext ctx;
    private final RunEnd end;
    private final MigrationJobs jobs;

    MigrationOut(DriverContext ctx, RunEnd end, MigrationJobs jobs) {
        this.ctx = ctx;
        this.end = end;
        this.jobs = jobs;
    }

    /** Begin: the XML the destination is to run (the caller's destination_xml, else the live definition). */
    Begun begin(DomainObj dom, Map<String, Object> params, Set<DomainMigrateFlag> flags, Object owner) {
        dom.beginJob("migration out");
        try {
            DomainRun run = dom.requireRun();
            String xml;
            String given = MigrateParam.DEST_XML.string(params);
            if (given != null) {
                DomainXml d = DomainXml.parse(given);
                if (!dom.uuid().equals(d.uuid()) || !d.name().equals(dom.name())) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                            "target domain name '%s' or uuid '%s' does not match source '%s'", d.name(), d.uuid(),
                            dom.name());
                }
                d.id(null);
                xml = d.toXml();
            } else {
                DomainXml live = DomainXml.parse(run.liveDef().toXml());
                live.id(null);
                xml = live.toXml();
            }
            jobs.beginOut(dom, run, owner);
            byte[] cookie = new MigrationCookie(dom.name(), dom.uuid().toString(), Migrations.hostname(), null)
                    .encode();
            return new Begun(xml, cookie);
        } finally {
            dom.endJob();
        }
    }

    record Begun(String xml, byte[] cookie) {
    }

    /** Perform: QEMU sends the guest's state; returns once QEMU says the migration completed (or failed). */
    byte[] perform(DomainObj dom, Map<String, Object> params, Set<DomainMigrateFlag> flags) {
        String uri = MigrateParam.URI.string(params);
        if (uri == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "migration URI is required");
        }
        MigrationUri target = MigrationUri.parse(uri);
        if (target.port() == 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "missing port in migration URI: %s",
                    uri);
        }
        long bandwidth = MigrateParam.BANDWIDTH.number(params, BANDWIDTH_MAX_MIB);
        if (bandwidth < 0 || bandwidth > BANDWIDTH_MAX_MIB) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OVERFLOW, "bandwidth must be less than %d",
                    BANDWIDTH_MAX_MIB + 1);
        }
        dom.beginJob("migration out");
        MigrationJobs.Out job = null;
        try {
            DomainRun run = dom.requireRun();
            job = jobs.out(dom.uuid());
            if (job == null || job.run != run) {
                job = jobs.beginOut(dom, run, null); // Begin ran on an earlier run, or not at all (v3 always calls it)
            }
            job.wasRunning = dom.state().state() == DomainState.RUNNING;
            job.started = System.currentTimeMillis();
            job.phase = MigrationJobs.Phase.PERFORMING;
            run(dom, run, job, target, bandwidth, flags);
            job.phase = MigrationJobs.Phase.PERFORMED;
            String persistent = null;
            if (dom.persistent()) {
                DomainXml p = DomainXml.parse((dom.newDef() != null ? dom.newDef() : dom.def()).toXml());
                p.id(null);
                persistent = p.toXml();
            }
            return new MigrationCookie(dom.name(), dom.uuid().toString(), Migrations.hostname(), persistent)
                    .encode();
        } catch (RuntimeException e) {
            if (job != null) {
                jobs.endOut(dom.uuid());
                restore(dom, job);
            }
            throw e;
        } finally {
            dom.endJob();
        }
    }

    private void run(DomainObj dom, DomainRun run, MigrationJobs.Out job, MigrationUri target, long bandwidthMiB,
            Set<DomainMigrateFlag> flags) {
        QmpMonitor mon = run.process().monitor();
        ObjectNode caps = QemuJson.mapper().createObjectNode();
        var list = caps.putArray("capabilities");
        list.addObject().put("capability", "events").put("state", true);
        list.addObject().put("capability", "auto-converge")
                .put("state", flags.contains(DomainMigrateFlag.AUTO_CONVERGE));
        mon.execute("migrate-set-capabilities", caps);
        mon.execute("migrate-set-parameters",
                QemuJson.mapper().createObjectNode().put("max-bandwidth", bandwidthMiB << 20));
        CompletableFuture<String> status = new CompletableFuture<>();
        try (AutoCloseable reg = mon.addListener(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent e) {
                if (e.name().equals("MIGRATION")) {
                    String s = e.text("status");
                    if (s.equals("completed") || s.equals("failed") || s.equals("cancelled")) {
                        status.complete(s);
                    }
                } else if (e.name().equals("MIGRATION_PASS")) {
                    ctx.events().emit(dom.ref(), new DomainEvent.MigrationIteration(e.data().path("pass").asInt()));
                }
            }

            @Override
            public void onClose(VirtException cause) {
                status.completeExceptionally(cause);
            }
        })) {
            // the STOP QEMU makes when it switches over is a pause for migration (SUSPENDED/MIGRATED)
            run.pausedReason(Reasons.PAUSED_MIGRATION);
            if (!flags.contains(DomainMigrateFlag.LIVE) && job.wasRunning) {
                pauseForMigration(dom, run);
            }
            mon.execute("migrate", QemuJson.mapper().createObjectNode().put("uri", target.forQemu()));
            String s = status.get(SaveRestore.MIGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (s.equals("completed")) {
                return;
            }
            String why = mon.execute("query-migrate").path("error-desc").asText(null);
            if (s.equals("cancelled")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "%s: %s",
                        "migration out job", "canceled by client");
            }
            throw why != null
                    ? VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' failed: %s",
                            "migration out", why)
                    : VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' unexpectedly failed",
                            "migration out");
        } catch (VirtException e) {
            throw e;
        } catch (java.util.concurrent.TimeoutException e) {
            cancelQuietly(mon);
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT, "job '%s' timed out",
                    "migration out");
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' failed: %s",
                    "migration out", c.getMessage());
        }
    }

    private void pauseForMigration(DomainObj dom, DomainRun run) {
        run.ownCommand("stop");
        run.pausedReason(Reasons.PAUSED_UNKNOWN);
        DomainRef ref;
        synchronized (dom) {
            dom.state(DomainState.PAUSED, Reasons.PAUSED_MIGRATION);
            ref = dom.ref();
        }
        ctx.events().lifecycle(ref, DomainEventType.SUSPENDED, Reasons.SUSPENDED_MIGRATED);
        ctx.writeStatus(dom);
    }

    private static void cancelQuietly(QmpMonitor mon) {
        try {
            mon.execute("migrate_cancel");
        } catch (RuntimeException ignored) {
            // the timeout is what gets reported
        }
    }

    /** After a failed or cancelled migration the guest runs on here (qemuMigrationSrcRestoreDomainState). */
    private void restore(DomainObj dom, MigrationJobs.Out job) {
        DomainRun run = dom.run();
        if (run == null || run != job.run) {
            return;
        }
        run.pausedReason(Reasons.PAUSED_UNKNOWN);
        if (!job.wasRunning || dom.state().state() != DomainState.PAUSED) {
            return;
        }
        try {
            synchronized (dom) {
                dom.state(DomainState.RUNNING, Reasons.RUNNING_MIGRATION_CANCELED);
            }
            run.ownCommand("cont");
            ctx.events().lifecycle(dom.ref(), DomainEventType.RESUMED, Reasons.RESUMED_MIGRATED);
            ctx.writeStatus(dom);
        } catch (RuntimeException e) {
            synchronized (dom) {
                dom.state(DomainState.PAUSED, Reasons.PAUSED_MIGRATION);
            }
            System.getLogger(MigrationOut.class.getName()).log(System.Logger.Level.ERROR,
                    "Failed to resume guest " + dom.name() + " after failure: " + e.getMessage());
        }
    }

    /**
     * Confirm: the migration succeeded (the destination runs the guest: end this QEMU, and undefine here when
     * asked) or not (the guest runs on here).
     */
    void confirm(DomainObj dom, Set<DomainMigrateFlag> flags, boolean cancelled) {
        dom.beginJob("migration out");
        try {
            MigrationJobs.Out job = jobs.endOut(dom.uuid());
            if (cancelled) {
                if (job != null) {
                    restore(dom, job);
                }
                return;
            }
            DomainRun run = dom.run();
            if (job == null || job.phase != MigrationJobs.Phase.PERFORMED || run != job.run) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "domain '%s' has no completed outgoing migration to confirm", dom.name());
            }
            run.stopCause(DomainRun.StopCause.MIGRATED);
            end.kill(run, RunEnd.TERM_GRACE, false);
            if (flags.contains(DomainMigrateFlag.UNDEFINE_SOURCE) && dom.persistent()) {
                undefine(dom);
            }
        } finally {
            dom.endJob();
        }
    }

    private void undefine(DomainObj dom) {
        ctx.store().deleteConfig(dom.name());
        DomainRef ref;
        synchronized (dom) {
            dom.persistent(false);
            dom.newDef(null);
            dom.autostart(false);
            ref = dom.ref();
        }
        if (!dom.isActive()) {
            ctx.store().remove(dom);
        }
        ctx.events().lifecycle(ref, DomainEventType.UNDEFINED, 0);
    }
}
