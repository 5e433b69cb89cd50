package org.jvirt.daemon.access;

import org.jvirt.daemon.auth.ClientAuth;

/** One access backend (libvirt's virAccessDriver): may this client have {@code perm} on {@code target}? */
public interface AccessDriver {

    /** libvirt's access_drivers name. */
    String name();

    boolean allowed(ClientAuth client, String connectDriver, AccessTarget target, String perm);
}
