package org.jvirt.driver.qemu.lifecycle;

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
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.DomainMigrateFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * The destination side of a migration (qemuMigrationDstPrepareDirect, qemuMigrationDstFinish): start a QEMU
 * that waits, paused, for the migration stream on a TCP port ({@code -incoming defer}, then migrate-incoming),
 * and once the source is done either let the guest run here or end that QEMU again.
 */
final class MigrationIn {

    private final DriverContext ctx;
    private final Starter starter;
    private final RunEnd end;
    private final MigrationJobs jobs;

    MigrationIn(DriverContext ctx, Starter starter, RunEnd end, MigrationJobs jobs) {
        this.ctx = ctx;
        this.starter = starter;
        this.end = end;
        this.jobs = jobs;
    }

    record Prepared(String uri, byte[] cookie) {
    }

    /** Prepare: the incoming QEMU is listening when this returns; the answer says where to send. */
    Prepared prepare(Map<String, Object> params, Set<DomainMigrateFlag> flags, Object owner) {
        String xml = MigrateParam.DEST_XML.string(params);
        if (xml == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "no domain XML passed");
        }
        DomainXml def = DomainXml.parse(xml);
        String dname = MigrateParam.DEST_NAME.string(params);
        if (dname != null) {
            def.name(dname);
        }
        if (def.uuid() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "migrated domain XML has no UUID");
        }
        def.id(null);
        for (GraphicsXml g : def.devices().graphics()) {
            if (!Boolean.FALSE.equals(g.autoport())) {
                g.port(-1); // the source's port says nothing about which are free here
            }
        }
        QemuCommandBuilder.validate(def);
        starter.dryRun(def);
        String listen = MigrateParam.LISTEN_ADDRESS.string(params);
        listen = listen != null ? MigrationUri.bracketed(listen) : MigrationPorts.defaultListenAddress();

        String uriIn = MigrateParam.URI.string(params);
        int port;
        boolean pooled;
        String uriOut;
        if (uriIn == null) {
            String host = Migrations.hostname();
            if (host.startsWith("localhost")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                        "hostname on destination resolved to localhost, but migration requires an FQDN");
            }
            port = MigrationPorts.acquire();
            pooled = true;
            uriOut = "tcp:" + MigrationUri.bracketed(host) + ":" + port;
        } else {
            MigrationUri u = MigrationUri.parse(uriIn);
            pooled = u.port() == 0;
            port = pooled ? MigrationPorts.acquire() : u.port();
            uriOut = !pooled ? null : uriIn.startsWith("tcp://") ? "tcp://" + MigrationUri.bracketed(u.host()) + ":"
                    + port : uriIn + ":" + port;
        }
        String incoming = "tcp:" + listen + ":" + port;
        try {
            startIncoming(def, incoming, port, pooled, owner);
        } catch (RuntimeException e) {
            if (pooled) {
                MigrationPorts.release(port);
            }
            throw e;
        }
        byte[] cookie = new MigrationCookie(def.name(), def.uuid().toString(), Migrations.hostname(), null).encode();
        return new Prepared(uriOut, cookie);
    }

    private void startIncoming(DomainXml def, String incoming, int port, boolean pooled, Object owner) {
        DomainObj dom;
        boolean added = false;
        synchronized (ctx.store()) {
            dom = ctx.store().checkUnique(def);
            if (dom == null) {
                dom = new DomainObj(def, false);
                ctx.store().add(dom);
                added = true;
            } else {
                synchronized (dom) {
                    if (dom.isActive()) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                                "domain '%s' is already active", dom.name());
                    }
                    dom.newDef(dom.def()); // the persistent config comes back if this run ends
                    dom.def(def);
                }
            }
        }
        dom.beginJob("migration in");
        try {
            @SuppressWarnings("unchecked")
            CompletableFuture<String>[] status = new CompletableFuture[1];
            Starter.Incoming feed = run -> {
                status[0] = SaveRestore.migrationStatus(run.process().monitor());
                run.process().monitor().execute("migrate-incoming",
                        QemuJson.mapper().createObjectNode().put("uri", incoming));
            };
            starter.start(dom, new Starter.How(true, feed, Reasons.RUNNING_MIGRATED, Reasons.STARTED_MIGRATED,
                    null, true));
            jobs.addIn(new MigrationJobs.In(dom, dom.run(), pooled ? port : -1, status[0],
                    System.currentTimeMillis(), owner));
        } catch (RuntimeException e) {
            DomainRun run = dom.run();
            if (run != null) { // started, but could not be registered: end it again
                run.stopCause(DomainRun.StopCause.MIGRATION_FAILED);
                end.kill(run, RunEnd.TERM_GRACE, false);
            }
            synchronized (dom) {
                if (!dom.persistent()) {
                    ctx.store().remove(dom);
                } else if (dom.newDef() != null) {
                    dom.def(dom.newDef());
                    dom.newDef(null);
                }
            }
            throw e;
        } finally {
            dom.endJob();
        }
    }

    /**
     * Finish: after the source's Perform. Not cancelled: wait for QEMU's own end of the incoming stream, make it
     * persistent if asked, and let the guest run (unless VIR_MIGRATE_PAUSED). Cancelled: end the incoming QEMU.
     * Returns null when the guest does not run here.
     */
    DomainRef finish(Map<String, Object> params, byte[] cookieIn, Set<DomainMigrateFlag> flags, boolean cancelled) {
        MigrationCookie cookie = MigrationCookie.decode(cookieIn);
        String name = MigrateParam.DEST_NAME.string(params);
        if (name == null && cookie != null) {
            name = cookie.name();
        }
        MigrationJobs.In in = name == null ? null : jobs.inByName(name);
        if (in == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN, "no domain with matching name '%s'",
                    name);
        }
        DomainObj dom = in.dom();
        dom.beginJob("migration in");
        try {
            if (!jobs.endIn(in)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "domain '%s' is not processing incoming migration", name);
            }
            if (cancelled) {
                fail(dom, in);
                return null;
            }
            try {
                completed(in);
                DomainRun run = dom.run();
                if (run != in.run()) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "guest unexpectedly quit");
                }
                if (flags.contains(DomainMigrateFlag.PERSIST_DEST)) {
                    persist(dom, run, params, cookie);
                }
                start(dom, run, flags.contains(DomainMigrateFlag.PAUSED));
                return dom.ref();
            } catch (RuntimeException e) {
                fail(dom, in);
                throw e;
            }
        } finally {
            if (in.port() > 0) {
                MigrationPorts.release(in.port());
            }
            dom.endJob();
        }
    }

    private static void completed(MigrationJobs.In in) {
        String s;
        try {
            s = in.status().get(SaveRestore.MIGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' failed: %s",
                    "migration in", c.getMessage());
        }
        if (s.equals("cancelled")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "job '%s' canceled by client",
                    "migration in");
        }
        if (!s.equals("completed")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "job '%s' unexpectedly failed",
                    "migration in");
        }
    }

    /** VIR_MIGRATE_PERSIST_DEST: the caller's persistent_xml, else the source's persistent config, else the live. */
    private void persist(DomainObj dom, DomainRun run, Map<String, Object> params, MigrationCookie cookie) {
        String xml = MigrateParam.PERSIST_XML.string(params);
        if (xml == null && cookie != null) {
            xml = cookie.persistentXml();
        }
        DomainXml def = DomainXml.parse(xml != null ? xml : run.liveDef().toXml());
        def.id(null);
        def.name(dom.name());
        if (def.uuid() == null || !def.uuid().equals(dom.uuid())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.MIGRATE_PERSIST_FAILED,
                    "persistent definition of '%s' has another UUID", dom.name());
        }
        ctx.store().writeConfig(def);
        boolean added;
        DomainRef ref;
        synchronized (dom) {
            added = !dom.persistent();
            dom.persistent(true);
            dom.newDef(def);
            ref = dom.ref();
        }
        ctx.events().lifecycle(ref, DomainEventType.DEFINED, added ? 0 : 1);
    }

    private void start(DomainObj dom, DomainRun run, boolean paused) {
        DomainRef ref;
        if (paused) {
            synchronized (dom) {
                dom.state(DomainState.PAUSED, Reasons.PAUSED_USER);
                ref = dom.ref();
            }
            ctx.events().lifecycle(ref, DomainEventType.SUSPENDED, Reasons.SUSPENDED_PAUSED);
        } else {
            synchronized (dom) {
                dom.state(DomainState.RUNNING, Reasons.RUNNING_MIGRATED); // before cont: the RESUME event finds it done
                ref = dom.ref();
            }
            try {
                run.ownCommand("cont");
            } catch (RuntimeException e) {
                synchronized (dom) {
                    dom.state(DomainState.PAUSED, Reasons.PAUSED_MIGRATION);
                }
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "resume operation failed");
            }
            ctx.events().lifecycle(ref, DomainEventType.RESUMED, Reasons.RESUMED_MIGRATED);
        }
        ctx.writeStatus(dom);
    }

    /**
     * The connection that prepared an incoming migration went before Finish (libvirt's close callback,
     * qemuMigrationDstPrepareCleanup): nobody will finish it, so the incoming QEMU goes.
     */
    void abandon(MigrationJobs.In in) {
        DomainObj dom = in.dom();
        dom.beginJob("migration in");
        try {
            if (jobs.endIn(in)) {
                fail(dom, in);
            }
        } finally {
            if (in.port() > 0) {
                MigrationPorts.release(in.port());
            }
            dom.endJob();
        }
    }

    /** Ends the incoming QEMU: STOPPED/FAILED; a domain that came with the migration goes with it. */
    private void fail(DomainObj dom, MigrationJobs.In in) {
        DomainRun run = dom.run();
        if (run != null && run == in.run()) {
            run.stopCause(DomainRun.StopCause.MIGRATION_FAILED);
            end.kill(run, RunEnd.TERM_GRACE, false);
        }
    }
}
