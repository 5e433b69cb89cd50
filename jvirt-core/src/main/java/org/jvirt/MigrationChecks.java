package org.jvirt;

import java.util.Set;
import org.jvirt.flags.DomainMigrateFlag;

/** The flag checks of libvirt's virDomainMigrate3 and virDomainMigrateToURI3, made before any driver runs. */
final class MigrationChecks {

    private MigrationChecks() {
    }

    /** {@code dconn} null: a migration by URI (peer-to-peer), where the destination is the source driver's business. */
    static void check(Connect src, Connect dconn, Set<DomainMigrateFlag> flags, String fn) {
        ArgChecks.exclusiveFlags(flags, DomainMigrateFlag.NON_SHARED_DISK, "VIR_MIGRATE_NON_SHARED_DISK",
                DomainMigrateFlag.NON_SHARED_INC, "VIR_MIGRATE_NON_SHARED_INC", ErrorDomain.DOMAIN, fn);
        if (flags.contains(DomainMigrateFlag.NON_SHARED_SYNCHRONOUS_WRITES)
                && !flags.contains(DomainMigrateFlag.NON_SHARED_DISK)
                && !flags.contains(DomainMigrateFlag.NON_SHARED_INC)) {
            throw ArgChecks.invalid(ErrorDomain.DOMAIN, fn, "ctl", "Flag 'VIR_MIGRATE_NON_SHARED_DISK | "
                    + "VIR_MIGRATE_NON_SHARED_INC' is required by flag 'VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES'");
        }
        if (dconn != null) {
            if (flags.contains(DomainMigrateFlag.PEER2PEER)) {
                throw ArgChecks.invalid(ErrorDomain.DOMAIN, fn, "flags",
                        "use virDomainMigrateToURI3 for peer-to-peer migration");
            }
            if (flags.contains(DomainMigrateFlag.TUNNELLED)) {
                throw ArgChecks.invalid(ErrorDomain.DOMAIN, fn, "flags",
                        "cannot perform tunnelled migration without using peer2peer flag");
            }
        }
        if (flags.contains(DomainMigrateFlag.OFFLINE)) {
            if (!src.supportsFeature(MigrationInternals.FEATURE_MIGRATION_OFFLINE)) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.ARGUMENT_UNSUPPORTED,
                        "offline migration is not supported by the source host");
            }
            if (dconn != null && !dconn.supportsFeature(MigrationInternals.FEATURE_MIGRATION_OFFLINE)) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.ARGUMENT_UNSUPPORTED,
                        "offline migration is not supported by the destination host");
            }
        }
        if (flags.contains(DomainMigrateFlag.CHANGE_PROTECTION)
                && !src.supportsFeature(MigrationInternals.FEATURE_MIGRATE_CHANGE_PROTECTION)) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "cannot enforce change protection");
        }
    }
}
