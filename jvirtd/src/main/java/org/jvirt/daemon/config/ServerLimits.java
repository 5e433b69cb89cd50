package org.jvirt.daemon.config;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;

/**
 * The daemon's client and worker limits: libvirtd.conf's keys and defaults, plus two of jvirt's own for the
 * per-client output queue (libvirt queues replies without a bound and relies on keepalive to drop a client that
 * does not read; jvirtd bounds the queue and times out writes that make no progress).
 *
 * @param maxClients          clients connected at once; beyond it new connections wait in the listen backlog
 * @param maxQueuedClients    the listen backlog
 * @param maxAnonymousClients clients not yet authenticated (TLS handshake, SASL) at once; 0 = no limit
 * @param minWorkers          libvirt's initial worker threads; checked only (calls run on virtual threads)
 * @param maxWorkers          calls running at once
 * @param prioWorkers         extra workers only high-priority calls may use
 * @param maxClientRequests   calls of one client in progress at once (until the reply is written)
 * @param clientOutputLimit   bytes queued for one client before what produces them waits
 * @param clientWriteTimeout  seconds a write may make no progress before the client is dropped
 */
public record ServerLimits(int maxClients, int maxQueuedClients, int maxAnonymousClients, int minWorkers,
                           int maxWorkers, int prioWorkers, int maxClientRequests, long clientOutputLimit,
                           int clientWriteTimeout) {

    public static ServerLimits from(ConfFile f) {
        int maxWorkers = DaemonConfig.intOf(f, "max_workers", 20);
        if (maxWorkers < 1) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.INTERNAL_ERROR,
                    "'max_workers' must be greater than 0");
        }
        ServerLimits l = new ServerLimits(
                DaemonConfig.intOf(f, "max_clients", 5000),
                DaemonConfig.intOf(f, "max_queued_clients", 1000),
                DaemonConfig.intOf(f, "max_anonymous_clients", 20),
                Math.min(DaemonConfig.intOf(f, "min_workers", 5), maxWorkers), // virThreadPoolNew clamps it
                maxWorkers,
                DaemonConfig.intOf(f, "prio_workers", 5),
                DaemonConfig.intOf(f, "max_client_requests", 5),
                f.getLong("client_output_limit").orElse(4L << 20),
                DaemonConfig.intOf(f, "client_write_timeout", 30));
        for (String[] kv : new String[][] {
            {"max_clients", "" + l.maxClients}, {"max_queued_clients", "" + l.maxQueuedClients},
            {"max_anonymous_clients", "" + l.maxAnonymousClients}, {"min_workers", "" + l.minWorkers},
            {"prio_workers", "" + l.prioWorkers}, {"max_client_requests", "" + l.maxClientRequests},
            {"client_output_limit", "" + l.clientOutputLimit}, {"client_write_timeout", "" + l.clientWriteTimeout}}) {
            if (Long.parseLong(kv[1]) < 0) { // libvirt reads them as unsigned
                throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "%s: invalid value %s for %s: must not be negative", f.fileName(), kv[1], kv[0]);
            }
        }
        if (l.maxClients < 1 || l.maxClientRequests < 1 || l.clientWriteTimeout < 1) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                    "%s: max_clients, max_client_requests and client_write_timeout must be greater than 0",
                    f.fileName());
        }
        return l;
    }
}
