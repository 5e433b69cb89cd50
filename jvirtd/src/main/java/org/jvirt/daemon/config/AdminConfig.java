package org.jvirt.daemon.config;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;

/**
 * The admin socket's settings: libvirtd.conf's {@code unix_sock_admin_perms} and {@code admin_*} keys, with the
 * defaults libvirtd's code sets (remote_daemon_config.c: 5..20 workers, 5000 clients, a backlog of 20; the
 * comments in libvirtd.conf say 1..5 and 5, the code wins).
 *
 * @param perms             the socket file's mode
 * @param minWorkers        reported and checked against the maximum (calls run on virtual threads)
 * @param maxWorkers        admin calls running at once
 * @param maxClients        admin clients connected at once
 * @param maxQueuedClients  the listen backlog
 * @param maxClientRequests calls of one admin client in progress at once
 * @param keepaliveInterval seconds of silence before the daemon PINGs (once a client asks for keepalive)
 * @param keepaliveCount    unanswered PINGs before the client is dropped
 */
public record AdminConfig(String perms, int minWorkers, int maxWorkers, int maxClients, int maxQueuedClients,
                          int maxClientRequests, int keepaliveInterval, int keepaliveCount) {

    public static AdminConfig defaults() {
        return from(ConfFile.empty());
    }

    public static AdminConfig from(ConfFile f) {
        String perms = f.getString("unix_sock_admin_perms").orElse("0700");
        if (!perms.matches("0?[0-7]{3}")) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                    "%s: Failed to parse mode '%s' for unix_sock_admin_perms", f.fileName(), perms);
        }
        AdminConfig c = new AdminConfig(perms,
                DaemonConfig.intOf(f, "admin_min_workers", 5),
                DaemonConfig.intOf(f, "admin_max_workers", 20),
                DaemonConfig.intOf(f, "admin_max_clients", 5000),
                DaemonConfig.intOf(f, "admin_max_queued_clients", 20),
                DaemonConfig.intOf(f, "admin_max_client_requests", 5),
                DaemonConfig.intOf(f, "admin_keepalive_interval", 5),
                DaemonConfig.intOf(f, "admin_keepalive_count", 5));
        if (c.maxWorkers < 1 || c.maxClients < 1 || c.maxClientRequests < 1 || c.minWorkers < 0
                || c.maxQueuedClients < 0 || c.keepaliveCount < 0) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                    "%s: admin_max_workers, admin_max_clients and admin_max_client_requests must be greater than 0,"
                            + " the other admin_* counts must not be negative", f.fileName());
        }
        return new AdminConfig(c.perms, Math.min(c.minWorkers, c.maxWorkers), c.maxWorkers, c.maxClients,
                c.maxQueuedClients, c.maxClientRequests, c.keepaliveInterval, c.keepaliveCount);
    }
}
