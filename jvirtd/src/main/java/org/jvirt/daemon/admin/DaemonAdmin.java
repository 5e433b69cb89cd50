package org.jvirt.daemon.admin;

import java.util.List;

/** What the admin interface manages beyond its servers' own state: the daemon as a whole. */
public interface DaemonAdmin {

    /** The daemon's servers, in libvirt's order (the main server first, then "admin"). */
    List<ManagedServer> servers();

    /**
     * virNetDaemonAutoShutdown: exit after {@code seconds} without clients on any server; 0 turns it off
     * (virt-admin daemon-timeout).
     */
    void setAutoShutdown(int seconds);

    /** An admin client left: the auto-shutdown's idle time starts again from now when no client is left. */
    default void adminClientLeft() {
    }
}
