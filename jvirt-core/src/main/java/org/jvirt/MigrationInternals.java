package org.jvirt;

import java.util.Map;
import java.util.Set;
import org.jvirt.flags.DomainMigrateFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Migration;

/**
 * Internal entry points, not API: the steps of migration protocol version 3 and the driver feature probe, which
 * libvirt keeps in libvirt_internal.h for its daemon and its remote driver. jvirtd serves the wire's
 * DOMAIN_MIGRATE_*3_PARAMS and CONNECT_SUPPORTS_FEATURE calls through these, on the connection its client
 * opened, as libvirtd does. Applications migrate with {@link Domain#migrate}.
 */
public final class MigrationInternals {

    /** virDrvFeature numbers (libvirt_internal.h). */
    public static final int FEATURE_MIGRATION_V2 = 3;
    public static final int FEATURE_MIGRATION_P2P = 4;
    public static final int FEATURE_MIGRATION_DIRECT = 5;
    public static final int FEATURE_MIGRATION_V3 = 6;
    public static final int FEATURE_MIGRATE_CHANGE_PROTECTION = 7;
    public static final int FEATURE_XML_MIGRATABLE = 11;
    public static final int FEATURE_MIGRATION_OFFLINE = 12;
    public static final int FEATURE_MIGRATION_PARAMS = 13;

    private MigrationInternals() {
    }

    /** virConnectSupportsFeature. */
    public static boolean supportsFeature(Connect conn, int feature) {
        return conn.supportsFeature(feature);
    }

    /** virDomainMigrateBegin3Params. */
    public static Migration.Begun begin3(Domain dom, Map<String, Object> params, Set<DomainMigrateFlag> flags) {
        writable(dom.getConnect(), "virDomainMigrateBegin3Params");
        return dom.getConnect().domains.migrateBegin3(dom.ref(), params, flags);
    }

    /** virDomainMigratePrepare3Params. */
    public static Migration.Prepared prepare3(Connect dconn, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags) {
        writable(dconn, "virDomainMigratePrepare3Params");
        return dconn.domains.migratePrepare3(params, cookie, flags);
    }

    /** virDomainMigratePerform3Params. */
    public static byte[] perform3(Domain dom, String dconnuri, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags) {
        writable(dom.getConnect(), "virDomainMigratePerform3Params");
        return dom.getConnect().domains.migratePerform3(dom.ref(), dconnuri, params, cookie, flags);
    }

    /** virDomainMigrateFinish3Params: the domain on {@code dconn}, and the cookie for Confirm. */
    public static Finished finish3(Connect dconn, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags, boolean cancelled) {
        writable(dconn, "virDomainMigrateFinish3Params");
        Migration.Finished f = dconn.domains.migrateFinish3(params, cookie, flags, cancelled);
        if (f == null || f.dom() == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.MIGRATE_FINISH_OK, (String) null);
        }
        return new Finished(new Domain(dconn, f.dom()), f.cookie());
    }

    /** Finish's answer as the API's objects. */
    public record Finished(Domain dom, byte[] cookie) {
    }

    /** virDomainMigrateConfirm3Params. */
    public static void confirm3(Domain dom, Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags,
            boolean cancelled) {
        writable(dom.getConnect(), "virDomainMigrateConfirm3Params");
        dom.getConnect().domains.migrateConfirm3(dom.ref(), params, cookie, flags, cancelled);
    }

    private static void writable(Connect c, String function) {
        c.checkWritable(function, ErrorDomain.DOMAIN);
    }

    /** The source steps on a domain of a connection. */
    static Migration.Source source(Domain dom) {
        Connect c = dom.getConnect();
        return new Migration.Source() {
            @Override
            public String name() {
                return dom.getName();
            }

            @Override
            public boolean supportsChangeProtection() {
                return c.supportsFeature(FEATURE_MIGRATE_CHANGE_PROTECTION);
            }

            @Override
            public DomainState state() {
                return c.domains.getState(dom.ref()).state();
            }

            @Override
            public Migration.Begun begin(Map<String, Object> params, Set<DomainMigrateFlag> flags) {
                return c.domains.migrateBegin3(dom.ref(), params, flags);
            }

            @Override
            public byte[] perform(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags) {
                return c.domains.migratePerform3(dom.ref(), null, params, cookie, flags);
            }

            @Override
            public void confirm(Map<String, Object> params, byte[] cookie, Set<DomainMigrateFlag> flags,
                    boolean cancelled) {
                c.domains.migrateConfirm3(dom.ref(), params, cookie, flags, cancelled);
            }
        };
    }

    /**
     * The destination steps on a connection. Public for a driver that migrates peer-to-peer: it runs
     * {@link Migration#runV3} itself with its own source steps and this for the destination it connected to.
     */
    public static Migration.Destination destination(Connect dconn) {
        return new Migration.Destination() {
            @Override
            public Migration.Prepared prepare(Map<String, Object> params, byte[] cookie,
                    Set<DomainMigrateFlag> flags) {
                return dconn.domains.migratePrepare3(params, cookie, flags);
            }

            @Override
            public Migration.Finished finish(Map<String, Object> params, byte[] cookie,
                    Set<DomainMigrateFlag> flags, boolean cancelled) {
                return dconn.domains.migrateFinish3(params, cookie, flags, cancelled);
            }
        };
    }
}
