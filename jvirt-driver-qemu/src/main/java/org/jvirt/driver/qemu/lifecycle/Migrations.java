package org.jvirt.driver.qemu.lifecycle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jvirt.DomainJobInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.MigrateParam;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.flags.DomainMigrateFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Migration;

/**
 * Live migration between two drivers (two hosts, or two driver states on one): the five steps of migration
 * protocol version 3 as the client drives them, plus job info and abort while the migration runs. Direct TCP
 * from QEMU to QEMU; no tunnelling, no peer-to-peer, no storage copy, no post-copy: those flags are refused.
 */
public final class Migrations {

    /** The flags this driver carries out; libvirt's others are refused before anything starts. */
    private static final Set<DomainMigrateFlag> SUPPORTED = EnumSet.of(DomainMigrateFlag.LIVE,
            DomainMigrateFlag.PERSIST_DEST, DomainMigrateFlag.UNDEFINE_SOURCE, DomainMigrateFlag.PAUSED,
            DomainMigrateFlag.CHANGE_PROTECTION, DomainMigrateFlag.UNSAFE, DomainMigrateFlag.ABORT_ON_ERROR,
            DomainMigrateFlag.AUTO_CONVERGE);

    /** The parameters this driver reads; libvirt's others are refused as unsupported here. */
    private static final Set<MigrateParam> PARAMS = EnumSet.of(MigrateParam.URI, MigrateParam.DEST_NAME,
            MigrateParam.DEST_XML, MigrateParam.PERSIST_XML, MigrateParam.BANDWIDTH, MigrateParam.LISTEN_ADDRESS);

    private final MigrationJobs jobs;
    private final MigrationOut out;
    private final MigrationIn in;

    Migrations(DriverContext ctx, Starter starter, RunEnd end, MigrationJobs jobs) {
        this.jobs = jobs;
        this.out = new MigrationOut(ctx, end, jobs);
        this.in = new MigrationIn(ctx, starter, end, jobs);
    }

    /** {@code owner}: the connection taking the step, whose going ends what it left unfinished. */
    public Migration.Begun begin(DomainObj dom, Map<String, Object> params, Set<DomainMigrateFlag> flags,
            Object owner) {
        check(params, flags);
        MigrationOut.Begun b = out.begin(dom, params, flags, owner);
        return new Migration.Begun(b.xml(), b.cookie());
    }

    public Migration.Prepared prepare(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags,
            Object owner) {
        check(params, flags);
        MigrationIn.Prepared p = in.prepare(params, flags, owner);
        return new Migration.Prepared(p.uri(), p.cookie());
    }

    public byte[] perform(DomainObj dom, String dconnuri, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags) {
        if (flags.contains(DomainMigrateFlag.PEER2PEER) || dconnuri != null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_SUPPORT,
                    "peer-to-peer migration: this daemon does not connect to other daemons; migrate with the "
                            + "client connected to both (virsh migrate without --p2p)");
        }
        check(params, flags);
        return out.perform(dom, params, flags);
    }

    public DomainRef finish(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags,
            boolean cancelled) {
        return in.finish(params, cookie, flags, cancelled);
    }

    public void confirm(DomainObj dom, Set<DomainMigrateFlag> flags, boolean cancelled) {
        out.confirm(dom, flags, cancelled);
    }

    /**
     * A connection closed: the incoming migrations it prepared and never finished end (their QEMUs go), and the
     * outgoing ones it began are dropped (a guest paused after a completed Perform stays paused, as libvirt
     * leaves it when it cannot know whether the destination runs it).
     */
    public void connectionClosed(Object owner) {
        jobs.dropOutOf(owner);
        for (MigrationJobs.In i : jobs.inOf(owner)) {
            Thread.ofVirtual().name("migration-abandon-" + i.dom().name()).start(() -> {
                try {
                    in.abandon(i);
                } catch (RuntimeException e) {
                    System.getLogger(Migrations.class.getName()).log(System.Logger.Level.WARNING,
                            "cannot end abandoned incoming migration of " + i.dom().name() + ": " + e.getMessage());
                }
            });
        }
    }

    /** virDomainGetJobInfo. */
    public DomainJobInfo jobInfo(DomainObj dom) {
        return jobs.info(dom);
    }

    /** virDomainAbortJob. */
    public void abort(DomainObj dom) {
        jobs.abort(dom);
    }

    private static void check(Map<String, Object> params, Set<DomainMigrateFlag> flags) {
        if (flags.contains(DomainMigrateFlag.PEER2PEER)) {
            return; // refused with its own reason by perform
        }
        for (DomainMigrateFlag f : flags) {
            if (!SUPPORTED.contains(f)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                        "migration flag VIR_MIGRATE_%s is not supported by this driver", f.name());
            }
        }
        for (String key : params.keySet()) {
            MigrateParam p = MigrateParam.byKey(key).orElseThrow(() -> VirtException.of(ErrorDomain.QEMU,
                    ErrorNumber.INVALID_ARG, "parameter '%s' not supported", key));
            if (!PARAMS.contains(p)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                        "migration parameter '%s' is not supported by this driver", key);
            }
        }
    }

    /** The host name the destination gives the source to connect to (libvirt's virGetHostname). */
    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "failed to determine host name: %s",
                    e.getMessage());
        }
    }
}
