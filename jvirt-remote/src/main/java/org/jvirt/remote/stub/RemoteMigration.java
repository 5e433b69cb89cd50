package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_BEGIN3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_CONFIRM3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_FINISH3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_PERFORM3_PARAMS;
import static org.jvirt.rpc.proto.remote.DomainMigration3Procedures.DOMAIN_MIGRATE_PREPARE3_PARAMS;

import java.util.Map;
import java.util.Set;
import org.jvirt.Flags;
import org.jvirt.flags.DomainMigrateFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.MigrationParams;
import org.jvirt.rpc.proto.remote.DomainMigration3Types.RemoteDomainMigrateBegin3ParamsArgs;
import org.jvirt.rpc.proto.remote.DomainMigration3Types.RemoteDomainMigrateBegin3ParamsRet;
import org.jvirt.rpc.proto.remote.DomainMigration3Types.RemoteDomainMigratePrepare3ParamsArgs;
import org.jvirt.rpc.proto.remote.DomainMigration3Types.RemoteDomainMigratePrepare3ParamsRet;
import org.jvirt.rpc.proto.remote.DomainMigration3Types2.RemoteDomainMigrateConfirm3ParamsArgs;
import org.jvirt.rpc.proto.remote.DomainMigration3Types2.RemoteDomainMigrateFinish3ParamsArgs;
import org.jvirt.rpc.proto.remote.DomainMigration3Types2.RemoteDomainMigrateFinish3ParamsRet;
import org.jvirt.rpc.proto.remote.DomainMigration3Types2.RemoteDomainMigratePerform3ParamsArgs;
import org.jvirt.rpc.proto.remote.DomainMigration3Types2.RemoteDomainMigratePerform3ParamsRet;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Migration;

/**
 * The migration steps over the wire (remote_driver.c's remoteDomainMigrate*3Params).
 */
public final class RemoteMigration {

    private RemoteMigration() {
    }

    static Migration.Begun begin(Rpc rpc, DomainRef dom, Map<String, Object> params, Set<DomainMigrateFlag> flags) {
        RemoteDomainMigrateBegin3ParamsRet r = rpc.call(DOMAIN_MIGRATE_BEGIN3_PARAMS,
                new RemoteDomainMigrateBegin3ParamsArgs(Refs.wire(dom), MigrationParams.toWire(params),
                        Flags.toBits(flags)));
        return new Migration.Begun(r.xml(), r.cookieOut());
    }

    static Migration.Prepared prepare(Rpc rpc, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags) {
        RemoteDomainMigratePrepare3ParamsRet r = rpc.call(DOMAIN_MIGRATE_PREPARE3_PARAMS,
                new RemoteDomainMigratePrepare3ParamsArgs(MigrationParams.toWire(params), bytes(cookie),
                        Flags.toBits(flags)));
        return new Migration.Prepared(r.uriOut(), r.cookieOut());
    }

    static byte[] perform(Rpc rpc, DomainRef dom, String dconnuri, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags) {
        RemoteDomainMigratePerform3ParamsRet r = rpc.call(DOMAIN_MIGRATE_PERFORM3_PARAMS,
                new RemoteDomainMigratePerform3ParamsArgs(Refs.wire(dom), dconnuri, MigrationParams.toWire(params),
                        bytes(cookie), Flags.toBits(flags)));
        return r.cookieOut();
    }

    static Migration.Finished finish(Rpc rpc, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags, boolean cancelled) {
        RemoteDomainMigrateFinish3ParamsRet r = rpc.call(DOMAIN_MIGRATE_FINISH3_PARAMS,
                new RemoteDomainMigrateFinish3ParamsArgs(MigrationParams.toWire(params), bytes(cookie),
                        Flags.toBits(flags), cancelled ? 1 : 0));
        return new Migration.Finished(Refs.dom(r.dom()), r.cookieOut());
    }

    static void confirm(Rpc rpc, DomainRef dom, Map<String, Object> params, byte[] cookie,
            Set<DomainMigrateFlag> flags, boolean cancelled) {
        rpc.call(DOMAIN_MIGRATE_CONFIRM3_PARAMS, new RemoteDomainMigrateConfirm3ParamsArgs(Refs.wire(dom),
                MigrationParams.toWire(params), bytes(cookie), Flags.toBits(flags), cancelled ? 1 : 0));
    }

    /** No cookie is an empty opaque on the wire, as libvirt sends it. */
    private static byte[] bytes(byte[] b) {
        return b == null ? new byte[0] : b;
    }
}
