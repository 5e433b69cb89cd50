package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Wire.dom;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_BEGIN3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_CONFIRM3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_FINISH3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_PERFORM3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_PREPARE3_PARAMS;

import org.jvirt.MigrationInternals;
import org.jvirt.flags.DomainMigrateFlag;
import org.jvirt.rpc.MigrationParams;
import org.jvirt.rpc.proto.remote.DomainMigration3Types.RemoteDomainMigrateBegin3ParamsRet;
import org.jvirt.rpc.proto.remote.DomainMigration3Types.RemoteDomainMigratePrepare3ParamsRet;
import org.jvirt.rpc.proto.remote.DomainMigration3Types2.RemoteDomainMigrateFinish3ParamsRet;
import org.jvirt.rpc.proto.remote.DomainMigration3Types2.RemoteDomainMigratePerform3ParamsRet;
import org.jvirt.spi.Migration;

/**
 * Migration protocol version 3 with parameters, each step on the client's connection through the internal entry
 * points libvirtd also uses (the client library, real virsh's or jvirt's, runs the sequence between two daemons).
 */
final class MigrationServe {

    private MigrationServe() {
    }

    static void register(DispatchTable t) {
        t.on(DOMAIN_MIGRATE_BEGIN3_PARAMS, (c, a) -> {
            Migration.Begun b = MigrationInternals.begin3(dom(c.conn(), a.dom()),
                    MigrationParams.fromWire(a.params()), c.flagSet(DomainMigrateFlag.class, a.flags()));
            return new RemoteDomainMigrateBegin3ParamsRet(bytes(b.cookie()), b.xml());
        });
        t.on(DOMAIN_MIGRATE_PREPARE3_PARAMS, (c, a) -> {
            Migration.Prepared p = MigrationInternals.prepare3(c.conn(), MigrationParams.fromWire(a.params()),
                    a.cookieIn(), c.flagSet(DomainMigrateFlag.class, a.flags()));
            return new RemoteDomainMigratePrepare3ParamsRet(bytes(p.cookie()), p.uri());
        });
        t.on(DOMAIN_MIGRATE_PERFORM3_PARAMS, (c, a) -> new RemoteDomainMigratePerform3ParamsRet(bytes(
                MigrationInternals.perform3(dom(c.conn(), a.dom()), a.dconnuri(),
                        MigrationParams.fromWire(a.params()), a.cookieIn(),
                        c.flagSet(DomainMigrateFlag.class, a.flags())))));
        t.on(DOMAIN_MIGRATE_FINISH3_PARAMS, (c, a) -> {
            MigrationInternals.Finished f = MigrationInternals.finish3(c.conn(), MigrationParams.fromWire(a.params()),
                    a.cookieIn(), c.flagSet(DomainMigrateFlag.class, a.flags()), a.cancelled() != 0);
            return new RemoteDomainMigrateFinish3ParamsRet(Wire.dom(f.dom()), bytes(f.cookie()));
        });
        t.on(DOMAIN_MIGRATE_CONFIRM3_PARAMS, (c, a) -> {
            MigrationInternals.confirm3(dom(c.conn(), a.dom()), MigrationParams.fromWire(a.params()), a.cookieIn(),
                    c.flagSet(DomainMigrateFlag.class, a.flags()), a.cancelled() != 0);
            return null;
        });
    }

    /** No cookie is an empty opaque on the wire. */
    private static byte[] bytes(byte[] b) {
        return b == null ? new byte[0] : b;
    }
}
