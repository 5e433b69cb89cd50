package org.jvirt.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainJobInfo;
import org.jvirt.MigrateParam;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainMigrateFlag;

/**
 * virsh migrate (cmdMigrate, doMigrate): the options become migration parameters and flags; without --p2p or
 * --direct jvirsh connects to the destination itself and drives the migration (virDomainMigrate3), with them
 * the source's driver does (virDomainMigrateToURI3). --verbose prints "Migration: [NNN %]" as the job goes,
 * --timeout suspends the guest when the live migration takes longer.
 */
final class MigrateCommand {

    private MigrateCommand() {
    }

    /** Boolean options and the flag each sets, as doMigrate maps them. */
    private static final Map<String, DomainMigrateFlag> FLAG_OPTIONS = new LinkedHashMap<>();

    static {
        FLAG_OPTIONS.put("live", DomainMigrateFlag.LIVE);
        FLAG_OPTIONS.put("p2p", DomainMigrateFlag.PEER2PEER);
        FLAG_OPTIONS.put("tunnelled", DomainMigrateFlag.TUNNELLED);
        FLAG_OPTIONS.put("persistent", DomainMigrateFlag.PERSIST_DEST);
        FLAG_OPTIONS.put("undefinesource", DomainMigrateFlag.UNDEFINE_SOURCE);
        FLAG_OPTIONS.put("suspend", DomainMigrateFlag.PAUSED);
        FLAG_OPTIONS.put("copy-storage-all", DomainMigrateFlag.NON_SHARED_DISK);
        FLAG_OPTIONS.put("copy-storage-inc", DomainMigrateFlag.NON_SHARED_INC);
        FLAG_OPTIONS.put("copy-storage-synchronous-writes", DomainMigrateFlag.NON_SHARED_SYNCHRONOUS_WRITES);
        FLAG_OPTIONS.put("change-protection", DomainMigrateFlag.CHANGE_PROTECTION);
        FLAG_OPTIONS.put("unsafe", DomainMigrateFlag.UNSAFE);
        FLAG_OPTIONS.put("compressed", DomainMigrateFlag.COMPRESSED);
        FLAG_OPTIONS.put("auto-converge", DomainMigrateFlag.AUTO_CONVERGE);
        FLAG_OPTIONS.put("rdma-pin-all", DomainMigrateFlag.RDMA_PIN_ALL);
        FLAG_OPTIONS.put("offline", DomainMigrateFlag.OFFLINE);
        FLAG_OPTIONS.put("abort-on-error", DomainMigrateFlag.ABORT_ON_ERROR);
        FLAG_OPTIONS.put("postcopy", DomainMigrateFlag.POSTCOPY);
        FLAG_OPTIONS.put("postcopy-resume", DomainMigrateFlag.POSTCOPY_RESUME);
        FLAG_OPTIONS.put("zerocopy", DomainMigrateFlag.ZEROCOPY);
        FLAG_OPTIONS.put("tls", DomainMigrateFlag.TLS);
        FLAG_OPTIONS.put("parallel", DomainMigrateFlag.PARALLEL);
    }

    static boolean run(Shell sh, Invocation cmd) {
        exclusive(sh, cmd, "live", "offline");
        exclusive(sh, cmd, "timeout-suspend", "timeout-postcopy");
        if (cmd.bool("timeout-postcopy") && !cmd.bool("postcopy")) {
            throw sh.fail("Option --%s is required by option --%s", "postcopy", "timeout-postcopy");
        }
        int timeout = (int) cmd.uint("timeout", 0);
        if (timeout > 0 && !cmd.bool("live")) {
            throw sh.fail("migrate: Unexpected timeout for offline migration");
        }
        if (timeout == 0 && (cmd.bool("timeout-suspend") || cmd.bool("timeout-postcopy"))) {
            throw sh.fail("migrate: Unexpected --timeout-* option without --timeout");
        }
        if (cmd.bool("timeout-postcopy")) {
            throw new Failed(VirtException.noSupport(org.jvirt.ErrorDomain.NONE, "virDomainMigrateStartPostCopy"));
        }
        Domain d = Lookup.domain(sh, cmd);
        String desturi = cmd.req("desturi");
        Map<String, Object> params = params(sh, cmd);
        Set<DomainMigrateFlag> flags = EnumSet.noneOf(DomainMigrateFlag.class);
        FLAG_OPTIONS.forEach((opt, flag) -> {
            if (cmd.bool(opt)) {
                flags.add(flag);
            }
        });
        if (flags.contains(DomainMigrateFlag.NON_SHARED_SYNCHRONOUS_WRITES)
                && !flags.contains(DomainMigrateFlag.NON_SHARED_DISK)
                && !flags.contains(DomainMigrateFlag.NON_SHARED_INC)) {
            throw sh.fail("'--copy-storage-synchronous-writes' requires one of '--copy-storage-all', "
                    + "'copy-storage-inc'");
        }
        DomainMigrateFlag[] f = flags.toArray(new DomainMigrateFlag[0]);
        boolean byUri = flags.contains(DomainMigrateFlag.PEER2PEER) || cmd.bool("direct");
        Connect dconn = null;
        if (!byUri) {
            try {
                dconn = Connect.open(desturi);
            } catch (VirtException e) {
                throw sh.fail(e, "failed to connect to the hypervisor");
            }
        }
        Connect dest = dconn;
        try {
            watch(sh, d, cmd.bool("verbose"), timeout, () -> {
                if (byUri) {
                    d.migrateToURI3(desturi, params, f);
                } else {
                    d.migrate(dest, params, f);
                }
            });
        } catch (VirtException e) {
            throw new Failed(e);
        } finally {
            if (dconn != null) {
                dconn.close();
            }
        }
        return true;
    }

    private static void exclusive(Shell sh, Invocation cmd, String a, String b) {
        if (cmd.bool(a) && cmd.bool(b)) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", a, b);
        }
    }

    /** The typed parameters doMigrate builds from the options. */
    private static Map<String, Object> params(Shell sh, Invocation cmd) {
        Map<String, Object> p = new LinkedHashMap<>();
        string(cmd, p, "migrateuri", MigrateParam.URI);
        string(cmd, p, "graphicsuri", MigrateParam.GRAPHICS_URI);
        string(cmd, p, "listen-address", MigrateParam.LISTEN_ADDRESS);
        if (cmd.has("disks-port")) {
            p.put(MigrateParam.DISKS_PORT.key(), cmd.integer("disks-port", 0));
        }
        string(cmd, p, "disks-uri", MigrateParam.DISKS_URI);
        string(cmd, p, "dname", MigrateParam.DEST_NAME);
        list(cmd, p, "migrate-disks", MigrateParam.MIGRATE_DISKS);
        list(cmd, p, "comp-methods", MigrateParam.COMPRESSION);
        integer(cmd, p, "comp-mt-level", MigrateParam.COMPRESSION_MT_LEVEL);
        integer(cmd, p, "comp-mt-threads", MigrateParam.COMPRESSION_MT_THREADS);
        integer(cmd, p, "comp-mt-dthreads", MigrateParam.COMPRESSION_MT_DTHREADS);
        if (cmd.has("comp-xbzrle-cache")) {
            p.put(MigrateParam.COMPRESSION_XBZRLE_CACHE.key(), cmd.ulong("comp-xbzrle-cache", 0));
        }
        if (cmd.has("xml")) {
            p.put(MigrateParam.DEST_XML.key(), sh.readFile(cmd.string("xml")));
        }
        if (cmd.has("persistent-xml")) {
            p.put(MigrateParam.PERSIST_XML.key(), sh.readFile(cmd.string("persistent-xml")));
        }
        integer(cmd, p, "auto-converge-initial", MigrateParam.AUTO_CONVERGE_INITIAL);
        integer(cmd, p, "auto-converge-increment", MigrateParam.AUTO_CONVERGE_INCREMENT);
        if (cmd.has("postcopy-bandwidth")) {
            p.put(MigrateParam.BANDWIDTH_POSTCOPY.key(), cmd.ulong("postcopy-bandwidth", 0));
        }
        integer(cmd, p, "parallel-connections", MigrateParam.PARALLEL_CONNECTIONS);
        if (cmd.has("bandwidth")) {
            p.put(MigrateParam.BANDWIDTH.key(), cmd.ulong("bandwidth", 0));
        }
        string(cmd, p, "tls-destination", MigrateParam.TLS_DESTINATION);
        return p;
    }

    private static void string(Invocation cmd, Map<String, Object> p, String opt, MigrateParam param) {
        if (cmd.has(opt)) {
            p.put(param.key(), cmd.string(opt));
        }
    }

    private static void integer(Invocation cmd, Map<String, Object> p, String opt, MigrateParam param) {
        if (cmd.has(opt)) {
            p.put(param.key(), cmd.integer(opt, 0));
        }
    }

    private static void list(Invocation cmd, Map<String, Object> p, String opt, MigrateParam param) {
        if (cmd.has(opt)) {
            List<String> values = new ArrayList<>(Arrays.asList(cmd.string(opt).split(",")));
            values.removeIf(String::isEmpty);
            p.put(param.key(), List.copyOf(values));
        }
    }

    /**
     * virshWatchJob for migration: the migration in its own thread; every 500 ms the progress (--verbose) and the
     * timeout (which suspends the guest so that the migration can converge, as virshMigrateTimeout does).
     */
    private static void watch(Shell sh, Domain d, boolean verbose, int timeoutSeconds, Runnable job) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos() : 0;
        try {
            while (!t.join(Duration.ofMillis(500))) {
                if (deadline != 0 && System.nanoTime() > deadline) {
                    deadline = 0;
                    try {
                        d.suspend(); // virshMigrateTimeout, suspend action
                    } catch (VirtException e) {
                        // as virsh: the migration goes on regardless
                    }
                }
                if (verbose) {
                    try {
                        DomainJobInfo info = d.getJobInfo();
                        if (info.dataTotal() > 0) {
                            DomainIO.progress(sh, "Migration", info.dataRemaining(), info.dataTotal());
                        }
                    } catch (VirtException e) {
                        // virsh resets the error and keeps waiting
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        if (verbose) {
            DomainIO.progress(sh, "Migration", 0, 1);
        }
    }
}
