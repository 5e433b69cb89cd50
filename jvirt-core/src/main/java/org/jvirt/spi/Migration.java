package org.jvirt.spi;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.MigrateParam;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainMigrateFlag;

/**
 * Migration protocol version 3 with extensible parameters, as libvirt's virDomainMigrateVersion3Full runs it:
 * Begin on the source (its migratable XML and a cookie), Prepare on the destination (an incoming QEMU and the URI
 * to send to), Perform on the source (QEMU sends its state), Finish on the destination (the guest runs there, or
 * the incoming QEMU goes), Confirm on the source (the source QEMU goes, or the guest runs on there again). The
 * steps are internal entry points of the drivers (libvirt_internal.h), not API; this class drives them for
 * {@code Domain.migrate} and for a driver doing peer-to-peer migration itself.
 */
public final class Migration {

    private Migration() {
    }

    /** Begin's answer: the domain XML the destination should run, and the cookie for Prepare. */
    public record Begun(String xml, byte[] cookie) {
    }

    /** Prepare's answer: where the source should send the migration stream (null: the URI param), and a cookie. */
    public record Prepared(String uri, byte[] cookie) {
    }

    /** Finish's answer: the domain now running on the destination, and the cookie for Confirm. */
    public record Finished(DomainRef dom, byte[] cookie) {
    }

    /** The source side's steps. */
    public interface Source {
        String name();

        boolean supportsChangeProtection();

        DomainState state();

        Begun begin(Map<String, Object> params, Set<DomainMigrateFlag> flags);

        byte[] perform(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags);

        void confirm(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags, boolean cancelled);
    }

    /** The destination side's steps. */
    public interface Destination {
        Prepared prepare(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags);

        /** The domain on the destination; throws (or returns null) when it does not run there. */
        Finished finish(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags, boolean cancelled);
    }

    /**
     * Runs the five steps. The first error is the one reported (as libvirt preserves it across the later steps);
     * whatever failed, Finish and Confirm still run so that exactly one side keeps the guest.
     */
    public static DomainRef runV3(Source src, Destination dst, Map<String, Object> given,
            Set<DomainMigrateFlag> givenFlags) {
        Map<String, Object> params = new LinkedHashMap<>(given);
        EnumSet<DomainMigrateFlag> flags = EnumSet.noneOf(DomainMigrateFlag.class);
        flags.addAll(givenFlags);
        flags.remove(DomainMigrateFlag.CHANGE_PROTECTION); // only the source gets it, when it supports it
        boolean protection = src.supportsChangeProtection();
        Begun begun = src.begin(params, withProtection(flags, protection));
        if (src.state() == DomainState.PAUSED && !flags.contains(DomainMigrateFlag.POSTCOPY_RESUME)) {
            flags.add(DomainMigrateFlag.PAUSED);
        }
        EnumSet<DomainMigrateFlag> srcFlags = withProtection(flags, protection);
        EnumSet<DomainMigrateFlag> destFlags = EnumSet.copyOf(flags);
        destFlags.removeAll(EnumSet.of(DomainMigrateFlag.ABORT_ON_ERROR, DomainMigrateFlag.AUTO_CONVERGE));
        params.put(MigrateParam.DEST_XML.key(), begun.xml());
        Prepared prepared;
        try {
            prepared = dst.prepare(params, begun.cookie(), destFlags);
        } catch (RuntimeException e) {
            if (protection) {
                quietly(() -> src.confirm(params, null, srcFlags, true)); // ends the job Begin started
            }
            throw e;
        }
        RuntimeException first = null;
        boolean cancelled = true;
        boolean notifySource = true;
        byte[] cookie = prepared.cookie();
        if (prepared.uri() != null) {
            params.put(MigrateParam.URI.key(), prepared.uri());
        } else if (params.get(MigrateParam.URI.key()) == null) {
            first = VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INTERNAL_ERROR,
                    "domainMigratePrepare3 did not set uri");
        }
        if (first == null) {
            if (flags.contains(DomainMigrateFlag.OFFLINE)) {
                cookie = null;
                cancelled = false;
            } else {
                try {
                    cookie = src.perform(params, cookie, srcFlags);
                    cancelled = false;
                } catch (RuntimeException e) {
                    first = e;
                    cookie = null;
                    notifySource = false; // a failed Perform has put the source back itself
                }
            }
        }
        params.putIfAbsent(MigrateParam.DEST_NAME.key(), src.name());
        Finished finished = null;
        try {
            finished = dst.finish(params, cookie, destFlags, cancelled);
        } catch (RuntimeException e) {
            if (first == null) {
                first = e;
            }
        }
        boolean failed = finished == null || cancelled;
        if (notifySource) {
            byte[] c = finished == null ? null : finished.cookie();
            try {
                src.confirm(params, c, srcFlags, failed);
            } catch (RuntimeException e) {
                // as libvirt: the guest may be left paused on the source; the outcome stands
                System.getLogger(Migration.class.getName()).log(System.Logger.Level.WARNING,
                        "Guest " + src.name() + " probably left in 'paused' state on source: " + e.getMessage());
            }
        }
        if (failed) {
            throw first != null ? first : VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_FAILED,
                    "migration of domain %s failed", src.name());
        }
        return finished.dom();
    }

    private static EnumSet<DomainMigrateFlag> withProtection(EnumSet<DomainMigrateFlag> flags, boolean protection) {
        EnumSet<DomainMigrateFlag> f = EnumSet.copyOf(flags);
        if (protection) {
            f.add(DomainMigrateFlag.CHANGE_PROTECTION);
        }
        return f;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // the earlier error is the one reported
        }
    }
}
